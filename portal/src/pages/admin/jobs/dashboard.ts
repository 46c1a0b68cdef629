import type { JobQueue, WorkerPool } from '../../../api/jobservice';

/** Every refresh of the dashboard, while it is on. */
export const REFRESH_MS = 5000;

export interface QueueSummary {
  queues: number;
  pending: number;
  paused: number;
}

export function summarize(queues: JobQueue[]): QueueSummary {
  return {
    queues: queues.length,
    pending: queues.reduce((n, q) => n + (q.count > 0 ? q.count : 0), 0),
    paused: queues.filter((q) => q.paused).length,
  };
}

/** A latency in seconds as the i18n key and values of its largest units (1 h 5 min, 2 min 30 s, 45 s). */
export function duration(seconds: number): { key: string; values: Record<string, number> } {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) {
    return { key: 'adminJobs.hoursMinutes', values: { h, m } };
  }
  if (m > 0) {
    return { key: 'adminJobs.minutesSeconds', values: { m, s } };
  }
  return { key: 'adminJobs.seconds', values: { s } };
}

/** A pool's job types, from the comma-separated list the API gives. */
export function jobTypesOf(pool: Pick<WorkerPool, 'job_types'>): string[] {
  return (pool.job_types ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

/** Whether pausing or resuming makes sense for the queues: "pause all" while one runs, "resume all" while one is paused. */
export function allActions(queues: JobQueue[]): { pause: boolean; resume: boolean } {
  return { pause: queues.some((q) => !q.paused), resume: queues.some((q) => q.paused) };
}
