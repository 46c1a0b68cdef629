import type { ApiClient } from './client';
import { fetchPage, type PageOf, type PageRequest } from './paging';

/**
 * Harbor's scheduled system jobs (/system/gc, /system/purgeaudit): each is a history of runs (ExecHistory),
 * a log per run, a stop, and one schedule whose POST with type Manual starts a run now. One shape, two bases.
 */
export type ScheduleType = 'None' | 'Hourly' | 'Daily' | 'Weekly' | 'Custom' | 'Manual';

export type RunStatus = 'Pending' | 'Running' | 'Success' | 'Error' | 'Stopped';

/** Harbor's ExecHistory (GCHistory for /system/gc, with Berth's report). */
export interface JobRun {
  id: number;
  job_name?: string;
  job_kind: 'MANUAL' | 'SCHEDULE';
  /** The parameters, as JSON text. */
  job_parameters: string;
  job_status: RunStatus;
  creation_time: string;
  update_time: string;
  schedule?: { type: ScheduleType; cron?: string | null; next_scheduled_time?: string | null } | null;
  report?: Record<string, number> | null;
}

export interface ScheduledJobApi<P> {
  history(page: PageRequest): Promise<PageOf<JobRun>>;
  /** The schedule, or null when there is none (the API answers {}). */
  schedule(): Promise<JobRun | null>;
  setSchedule(type: ScheduleType, cron: string | null, parameters: Partial<P>): Promise<void>;
  runNow(parameters: Partial<P>): Promise<void>;
  stop(id: number): Promise<void>;
  log(id: number): Promise<string>;
}

/** The client of one of Harbor's scheduled system jobs at `base` (e.g. /api/v2.0/system/purgeaudit). */
export function scheduledJob<P>(client: ApiClient, base: string): ScheduledJobApi<P> {
  return {
    history: (page) => fetchPage<JobRun>(client, base, page),
    schedule: async () => {
      const s = await client.get<JobRun | Record<string, never> | undefined>(`${base}/schedule`);
      return s && 'id' in s ? (s as JobRun) : null;
    },
    setSchedule: (type, cron, parameters) => client.put(`${base}/schedule`, { schedule: { type, cron }, parameters }),
    runNow: async (parameters) => {
      await client.post(`${base}/schedule`, { schedule: { type: 'Manual' }, parameters });
    },
    stop: (id) => client.put(`${base}/${id}`, {}),
    log: (id) => client.text(`${base}/${id}/log`),
  };
}

/** A run's parameters read from its JSON text: an empty object when absent or unreadable. */
export function rawParameters(run: Pick<JobRun, 'job_parameters'> | null | undefined): Record<string, unknown> {
  try {
    const p = JSON.parse(run?.job_parameters || '{}');
    return p && typeof p === 'object' && !Array.isArray(p) ? p : {};
  } catch {
    return {};
  }
}

/** Whether a run is still going (the page polls while one is). */
export function isActive(run: Pick<JobRun, 'job_status'>): boolean {
  return run.job_status === 'Pending' || run.job_status === 'Running';
}
