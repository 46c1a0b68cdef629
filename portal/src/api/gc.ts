import { V2 } from './berth';
import { api } from './client';
import { fetchPage, type PageRequest } from './paging';

/** Harbor's /api/v2.0/system/gc (system administrators): runs, their history and logs, and the schedule. */
const BASE = `${V2}/system/gc`;

export type ScheduleType = 'None' | 'Hourly' | 'Daily' | 'Weekly' | 'Custom' | 'Manual';

export interface GcParameters {
  delete_untagged: boolean;
  workers: number;
  dry_run: boolean;
  /** Hours of grace (Berth's); absent: registry-service's default. */
  time_window?: number | null;
}

/** Harbor's GCHistory, with Berth's report. */
export interface GcRun {
  id: number;
  job_kind: 'MANUAL' | 'SCHEDULE';
  /** The parameters, as JSON text. */
  job_parameters: string;
  job_status: 'Pending' | 'Running' | 'Success' | 'Error' | 'Stopped';
  creation_time: string;
  update_time: string;
  schedule?: { type: ScheduleType; cron?: string | null; next_scheduled_time?: string | null } | null;
  report?: Record<string, number> | null;
}

export const gc = {
  history: (page: PageRequest) => fetchPage<GcRun>(api, BASE, page),
  /** The schedule, or null when there is none (the API answers {}). */
  schedule: async (): Promise<GcRun | null> => {
    const s = await api.get<GcRun | Record<string, never>>(`${BASE}/schedule`);
    return 'id' in s ? (s as GcRun) : null;
  },
  setSchedule: (type: ScheduleType, cron: string | null, parameters: Partial<GcParameters>) =>
    api.put(`${BASE}/schedule`, { schedule: { type, cron }, parameters }),
  runNow: (parameters: Partial<GcParameters>) => api.post(`${BASE}/schedule`, { schedule: { type: 'Manual' }, parameters }),
  stop: (id: number) => api.put(`${BASE}/${id}`, {}),
  log: (id: number) => api.text(`${BASE}/${id}/log`),
};

/** The parameters a run was given, read from its JSON text (defaults when absent or unreadable). */
export function parametersOf(run: Pick<GcRun, 'job_parameters'>): GcParameters {
  try {
    const p = JSON.parse(run.job_parameters || '{}');
    return { delete_untagged: !!p.delete_untagged, workers: Number(p.workers) || 1, dry_run: !!p.dry_run, time_window: p.time_window ?? null };
  } catch {
    return { delete_untagged: false, workers: 1, dry_run: false, time_window: null };
  }
}

/** Whether a run is still going (the page polls while one is). */
export function isActive(run: Pick<GcRun, 'job_status'>): boolean {
  return run.job_status === 'Pending' || run.job_status === 'Running';
}
