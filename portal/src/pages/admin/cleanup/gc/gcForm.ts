import { parametersOf, type GcParameters, type GcRun } from '../../../../api/gc';

export const MAX_WORKERS = 5;

/** The parameters of scheduled collections, as the schedule form holds them. */
export interface GcParametersForm {
  deleteUntagged: boolean;
  workers: number;
  sweepOrphans: boolean;
}

/** The parameters as the stored schedule says (defaults when there is none). */
export function gcParametersForm(schedule: GcRun | null): GcParametersForm {
  const p = parametersOf(schedule ?? { job_parameters: '' });
  return { deleteUntagged: p.delete_untagged, workers: p.workers, sweepOrphans: !!p.sweep_orphans };
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
    /** Berth's orphan sweep: absent (undefined) when the run did not sweep. */
    orphans: r.orphans_deleted,
    orphanBytes: r.orphan_bytes_freed,
  };
}

/** The least time window, in hours, an orphan sweep runs with (core's GcRequest.MIN_SWEEP_HOURS). */
export const MIN_SWEEP_HOURS = 1;

/** The run-now form: the time window is text, empty for registry-service's default grace. */
export interface GcRunForm {
  deleteUntagged: boolean;
  workers: number;
  sweepOrphans: boolean;
  timeWindow: string;
}

/** The i18n key of what is wrong with a typed time window (empty, or whole hours from 0), or null. */
export function timeWindowProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isInteger(n) && n >= 0 ? null : 'adminGc.timeWindowInvalid';
}

/**
 * The i18n key of the warning that core will refuse the sweep (a time window under an hour), or null. A warning, not
 * a block: the run is sent and core's refusal is shown.
 */
export function sweepWarning(form: Pick<GcRunForm, 'sweepOrphans' | 'timeWindow'>): string | null {
  const trimmed = form.timeWindow.trim();
  return form.sweepOrphans && trimmed !== '' && Number(trimmed) < MIN_SWEEP_HOURS ? 'adminGc.sweepNeedsWindow' : null;
}

/** The parameters a run-now sends: sweep_orphans only when asked, time_window only when typed. */
export function runParameters(form: GcRunForm, dryRun: boolean): Partial<GcParameters> {
  const p: Partial<GcParameters> = { delete_untagged: form.deleteUntagged, workers: form.workers, dry_run: dryRun };
  if (form.sweepOrphans) p.sweep_orphans = true;
  if (form.timeWindow.trim() !== '') p.time_window = Number(form.timeWindow.trim());
  return p;
}
