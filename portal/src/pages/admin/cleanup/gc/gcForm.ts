import { parametersOf, type GcRun } from '../../../../api/gc';

export const MAX_WORKERS = 5;

/** The parameters of scheduled collections, as the schedule form holds them. */
export interface GcParametersForm {
  deleteUntagged: boolean;
  workers: number;
}

/** The parameters as the stored schedule says (defaults when there is none). */
export function gcParametersForm(schedule: GcRun | null): GcParametersForm {
  const p = parametersOf(schedule ?? { job_parameters: '' });
  return { deleteUntagged: p.delete_untagged, workers: p.workers };
}

/** The i18n key of what is wrong with a number of workers, or null. */
export function workersProblem(workers: number): string | null {
  return !Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS ? 'adminGc.workersRange' : null;
}

/** What a run's report says in one line's parts: deleted counts and bytes freed. */
export function reportSummary(report: Record<string, number> | null | undefined) {
  const r = report ?? {};
  return {
    manifests: r.manifests_deleted ?? 0,
    links: r.links_deleted ?? 0,
    blobs: r.blobs_deleted ?? 0,
    bytes: r.bytes_freed ?? 0,
    skipped: (r.skipped_busy ?? 0) + (r.skipped_in_use ?? 0),
    seconds: r.duration_seconds,
  };
}
