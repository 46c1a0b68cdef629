/**
 * The audit log's filters and Harbor's q they make, as core-service parses it (api/Query and
 * AuditLogService): conditions joined by ',', key=~value a part of the value in any case, key=value the
 * value exactly, op_time=[from~to] a time range (either bound may be left out). Core compares op_time as
 * the database writes it as text (2024-01-15 10:20:30.123+00): the bounds are sent in UTC, a from-day
 * from its local midnight, a to-day up to the next local midnight.
 */
export interface AuditFilters {
  username: string;
  /** One of OPERATIONS, or '' for any. */
  operation: string;
  resource: string;
  /** One of RESOURCE_TYPES, or '' for any. */
  resourceType: string;
  /** 'success', 'failure' or ''. */
  result: string;
  project: string;
  /** Local dates, YYYY-MM-DD, or ''. */
  from: string;
  to: string;
}

/** The operations core and the registry events write; member changes carry the role after them ("create maintainer"). */
export const OPERATIONS = ['create', 'update', 'delete', 'pull', 'login', 'change password', 'set sysadmin', 'disable', 'refresh secret'];
export const RESOURCE_TYPES = ['artifact', 'project', 'member', 'robot', 'user', 'registry', 'replication_policy', 'quota'];
export const RESULTS = ['success', 'failure'];

/** The URL parameters each filter is kept in. */
export const FILTER_PARAMS: Record<keyof AuditFilters, string> = {
  username: 'username',
  operation: 'operation',
  resource: 'resource',
  resourceType: 'resource_type',
  result: 'result',
  project: 'project',
  from: 'from',
  to: 'to',
};

export function noFilters(): AuditFilters {
  return { username: '', operation: '', resource: '', resourceType: '', result: '', project: '', from: '', to: '' };
}

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters = noFilters();
  for (const [field, param] of Object.entries(FILTER_PARAMS) as [keyof AuditFilters, string][]) {
    filters[field] = params.get(param) ?? '';
  }
  return filters;
}

/** A value as q can carry it: the grammar's separators (',' and brackets) cannot be escaped, so they are dropped. */
export function qValue(text: string): string {
  return text.replace(/[,[\]{}]/g, '').trim();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a YYYY-MM-DD day (plus `days`), or null. */
export function localDay(day: string, days = 0): Date | null {
  const m = DAY.exec(day);
  if (!m) {
    return null;
  }
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A time as core's op_time bounds take it: YYYY-MM-DD HH:MM:SS, in UTC. */
export function utcText(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** What is wrong with the time range (an i18n key), or null. */
export function rangeProblem(f: Pick<AuditFilters, 'from' | 'to'>): string | null {
  const from = f.from ? localDay(f.from) : null;
  const to = f.to ? localDay(f.to) : null;
  if ((f.from && !from) || (f.to && !to)) {
    return 'adminAuditLogs.badDate';
  }
  if (from && to && from > to) {
    return 'adminAuditLogs.fromAfterTo';
  }
  return null;
}

/** Harbor's q for the filters; undefined when there is none. */
export function auditQuery(f: AuditFilters): string | undefined {
  const parts: string[] = [];
  const fuzzy = (key: string, text: string) => {
    const value = qValue(text);
    if (value) {
      parts.push(`${key}=~${value}`);
    }
  };
  fuzzy('username', f.username);
  fuzzy('operation', f.operation);
  fuzzy('resource', f.resource);
  if (qValue(f.resourceType)) {
    parts.push(`resource_type=${qValue(f.resourceType)}`);
  }
  // "failure: why" for failed logins: a part of the result
  fuzzy('result', f.result);
  fuzzy('project', f.project);
  if (!rangeProblem(f)) {
    const from = f.from ? localDay(f.from) : null;
    const to = f.to ? localDay(f.to, 1) : null;
    if (from || to) {
      parts.push(`op_time=[${from ? utcText(from) : ''}~${to ? utcText(to) : ''}]`);
    }
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
