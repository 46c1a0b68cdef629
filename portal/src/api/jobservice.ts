import { V2 } from './berth';
import { api } from './client';

/**
 * The job service dashboard core exposes under /api/v2.0/jobservice (system administrators only):
 * queues per job type (pending count, latency, paused; pause, resume or stop one, or "all"), worker
 * pools (jobservice processes), the workers running a task now, and a job's (task's) log. None of
 * them is paged: each answers its whole list.
 */
export interface JobQueue {
  job_type: string;
  /** Tasks waiting in the queue. */
  count: number;
  /** Seconds the oldest waiting task has waited. */
  latency: number;
  paused: boolean;
}

export interface WorkerPool {
  worker_pool_id: string;
  pid: number;
  host: string;
  /** Comma-separated job types. */
  job_types: string;
  concurrency: number;
  start_at?: string | null;
  heartbeat_at?: string | null;
}

export interface Worker {
  id: string;
  pool_id: string;
  job_name: string;
  /** The task it runs (a string, as Harbor's dashboard has it). */
  job_id: string;
  execution_id: number;
  start_at?: string | null;
  checkin_at?: string | null;
}

export type QueueAction = 'pause' | 'resume' | 'stop';

/** Harbor's name for every queue, or every pool. */
export const ALL = 'all';

const BASE = `${V2}/jobservice`;

export const jobservice = {
  queues: () => api.get<JobQueue[]>(`${BASE}/queues`),
  /** One job type's queue, or every one's for ALL. */
  queueAction: (jobType: string, action: QueueAction) => api.put(`${BASE}/queues/${encodeURIComponent(jobType)}`, { action }),
  pools: () => api.get<WorkerPool[]>(`${BASE}/pools`),
  /** The workers running a task now, of one pool or of every pool (ALL). */
  workers: (poolId: string = ALL) => api.get<Worker[]>(`${BASE}/pools/${encodeURIComponent(poolId)}/workers`),
  jobLog: (jobId: string | number) => api.text(`${BASE}/jobs/${encodeURIComponent(String(jobId))}/log`),
};
