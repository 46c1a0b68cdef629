import { V2 } from './berth';
import { api } from './client';
import { rawParameters, scheduledJob, type JobRun } from './execHistory';

export { isActive } from './execHistory';
export type { ScheduleType } from './execHistory';

/** Harbor's /api/v2.0/system/gc (system administrators): runs, their history and logs, and the schedule. */
export interface GcParameters {
  delete_untagged: boolean;
  workers: number;
  dry_run: boolean;
  /** Hours of grace (Berth's); absent: registry-service's default. */
  time_window?: number | null;
  /** Berth's orphan sweep after the collection (docs/gc.md#orphan-sweep); core refuses it with a time_window under 1 hour. */
  sweep_orphans?: boolean;
}

/** Harbor's GCHistory, with Berth's report. */
export type GcRun = JobRun;

export const gc = scheduledJob<GcParameters>(api, `${V2}/system/gc`);

/** The parameters a run was given, read from its JSON text (defaults when absent or unreadable). */
export function parametersOf(run: Pick<GcRun, 'job_parameters'>): GcParameters {
  const p = rawParameters(run);
  return { delete_untagged: !!p.delete_untagged, workers: Number(p.workers) || 1, dry_run: !!p.dry_run, time_window: (p.time_window as number) ?? null, sweep_orphans: !!p.sweep_orphans };
}
