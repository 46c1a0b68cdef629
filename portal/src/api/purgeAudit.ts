import { V2 } from './berth';
import { api, type ApiClient } from './client';
import { rawParameters, scheduledJob, type JobRun } from './execHistory';

/**
 * Harbor's audit-log purge ("log rotation"), /api/v2.0/system/purgeaudit (system administrators): runs that
 * delete audit-log records older than audit_retention_hour whose operation is one of include_operations,
 * their history and logs, a stop, and the schedule.
 */
export interface PurgeParameters {
  audit_retention_hour: number;
  /** Operations whose records are purged, comma-separated (Harbor's wire form): "create,delete,pull". */
  include_operations: string;
  dry_run: boolean;
}

/** What Harbor purges when a run names no operations. */
export const DEFAULT_PURGE_OPERATIONS = ['create', 'delete', 'pull'];
/** Harbor's default retention: 30 days. */
export const DEFAULT_RETENTION_HOURS = 24 * 30;

export const purgeAuditApi = (client: ApiClient) => scheduledJob<PurgeParameters>(client, `${V2}/system/purgeaudit`);
export const purgeAudit = purgeAuditApi(api);

/** A purge run's parameters, read from its JSON text (Harbor's defaults where absent or unreadable). */
export function purgeParametersOf(run: Pick<JobRun, 'job_parameters'> | null | undefined): {
  retentionHours: number;
  operations: string[];
  dryRun: boolean;
} {
  const p = rawParameters(run);
  const hours = Number(p.audit_retention_hour);
  const operations = typeof p.include_operations === 'string' ? p.include_operations.split(',').map((o) => o.trim()).filter(Boolean) : [];
  return {
    retentionHours: Number.isInteger(hours) && hours > 0 ? hours : DEFAULT_RETENTION_HOURS,
    operations: operations.length > 0 ? operations : DEFAULT_PURGE_OPERATIONS,
    dryRun: !!p.dry_run,
  };
}

/** Operations as the API takes them: comma-separated, each once, in the order given. */
export function operationsParameter(operations: string[]): string {
  return [...new Set(operations.map((o) => o.trim()).filter(Boolean))].join(',');
}
