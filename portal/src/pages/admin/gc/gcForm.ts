import type { GcRun, ScheduleType } from '../../../api/gc';

export const MAX_WORKERS = 5;
export const SCHEDULE_TYPES: ScheduleType[] = ['None', 'Hourly', 'Daily', 'Weekly', 'Custom'];

/** The schedule form: its type, the cron of a Custom one, and each run's parameters. */
export interface ScheduleForm {
  type: ScheduleType;
  cron: string;
  deleteUntagged: boolean;
  workers: number;
}

/** The form as the stored schedule says (None when there is none). */
export function scheduleForm(schedule: GcRun | null): ScheduleForm {
  if (!schedule?.schedule) {
    return { type: 'None', cron: '', deleteUntagged: false, workers: 1 };
  }
  let parameters: { delete_untagged?: boolean; workers?: number } = {};
  try {
    parameters = JSON.parse(schedule.job_parameters || '{}');
  } catch {
    // shown with defaults
  }
  return {
    type: schedule.schedule.type,
    cron: schedule.schedule.cron ?? '',
    deleteUntagged: !!parameters.delete_untagged,
    workers: Number(parameters.workers) || 1,
  };
}

/** The i18n key of what is wrong with the form, or null. The server checks the cron itself and says why it refuses one. */
export function scheduleProblem(form: ScheduleForm): string | null {
  if (form.type === 'Custom' && form.cron.trim().split(/\s+/).filter(Boolean).length !== 6) {
    return 'adminGc.cronFields';
  }
  if (!Number.isInteger(form.workers) || form.workers < 1 || form.workers > MAX_WORKERS) {
    return 'adminGc.workersRange';
  }
  return null;
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
