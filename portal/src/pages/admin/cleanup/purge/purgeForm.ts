import { operationsParameter, purgeParametersOf, type PurgeParameters } from '../../../../api/purgeAudit';
import type { JobRun } from '../../../../api/execHistory';

/** The retention is typed in hours or days; the API takes hours. */
export const RETENTION_UNITS = { hours: 1, days: 24 } as const;
export type RetentionUnit = keyof typeof RETENTION_UNITS;
/** Ten years: more is a typing mistake. */
export const MAX_RETENTION_HOURS = 24 * 365 * 10;

/** What a purge form holds: records older than the retention whose operation is one of these go. */
export interface PurgeForm {
  retention: string;
  unit: RetentionUnit;
  operations: string[];
}

/** The form as a run's (or the schedule's) parameters say, in days when the hours are whole days. */
export function purgeForm(run: Pick<JobRun, 'job_parameters'> | null): PurgeForm {
  const p = purgeParametersOf(run);
  const unit: RetentionUnit = p.retentionHours % 24 === 0 ? 'days' : 'hours';
  return { retention: String(p.retentionHours / RETENTION_UNITS[unit]), unit, operations: p.operations };
}

/** The retention in hours, or null when the text is not a whole number from 1 hour to MAX_RETENTION_HOURS. */
export function retentionHours(form: Pick<PurgeForm, 'retention' | 'unit'>): number | null {
  const text = form.retention.trim();
  if (!/^\d+$/.test(text)) {
    return null;
  }
  const hours = Number(text) * RETENTION_UNITS[form.unit];
  return hours >= 1 && hours <= MAX_RETENTION_HOURS ? hours : null;
}

/** The i18n key of what is wrong with the form, or null. */
export function purgeProblem(form: PurgeForm): string | null {
  if (retentionHours(form) === null) {
    return 'adminPurge.retentionRange';
  }
  if (form.operations.length === 0) {
    return 'adminPurge.noOperations';
  }
  return null;
}

/** The parameters to send (call only when purgeProblem is null). */
export function purgeParameters(form: PurgeForm, dryRun: boolean): PurgeParameters {
  return { audit_retention_hour: retentionHours(form) ?? 0, include_operations: operationsParameter(form.operations), dry_run: dryRun };
}

/** A run's report as "key: value" pairs (whatever counts the server reports), or null when it has none. */
export function reportPairs(report: Record<string, number> | null | undefined): [string, number][] | null {
  const pairs = Object.entries(report ?? {}).filter(([, v]) => typeof v === 'number');
  return pairs.length > 0 ? pairs : null;
}
