import type { JobRun, ScheduleType } from '../../../api/execHistory';

/** The schedule types an administrator can choose (Manual is a run started by hand, not a schedule). */
export const SCHEDULE_TYPES: ScheduleType[] = ['None', 'Hourly', 'Daily', 'Weekly', 'Custom'];

/** When a job runs: its type and, for Custom, a six-field cron. */
export interface Timing {
  type: ScheduleType;
  cron: string;
}

/** The timing as the stored schedule says (None when there is none). */
export function timingOf(schedule: JobRun | null): Timing {
  return schedule?.schedule ? { type: schedule.schedule.type, cron: schedule.schedule.cron ?? '' } : { type: 'None', cron: '' };
}

/** The i18n key of what is wrong with the timing, or null. The server checks the cron itself and says why it refuses one. */
export function timingProblem(timing: Timing): string | null {
  if (timing.type === 'Custom' && timing.cron.trim().split(/\s+/).filter(Boolean).length !== 6) {
    return 'cleanup.cronFields';
  }
  return null;
}

/** The cron to send: a Custom schedule's, trimmed; null for the others. */
export function cronToSend(timing: Timing): string | null {
  return timing.type === 'Custom' ? timing.cron.trim() : null;
}
