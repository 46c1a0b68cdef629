import type { Execution, ReplicationStatus } from '../../../api/replication';

/** An execution or task still going: polled until it is not. */
export function isRunning(status: ReplicationStatus | null | undefined): boolean {
  return status === 'InProgress' || status === 'Pending';
}

export interface Progress {
  total: number;
  succeed: number;
  failed: number;
  stopped: number;
  inProgress: number;
  /** Tasks that have ended, whichever way. */
  done: number;
  /** 0 to 100, whole. */
  percent: number;
  /** PatternFly's variant: success when it all worked, danger when a task failed, warning when stopped. */
  variant?: 'success' | 'danger' | 'warning';
}

const count = (n: number | undefined) => (Number.isFinite(n) && (n as number) > 0 ? Math.floor(n as number) : 0);

/**
 * How far an execution has got, from its task counts. An execution that has ended is full even with no
 * task (nothing matched its filters); one still planning its tasks (total 0) is at 0.
 */
export function progressOf(e: Pick<Execution, 'status' | 'total' | 'succeed' | 'failed' | 'stopped' | 'in_progress'>): Progress {
  const succeed = count(e.succeed);
  const failed = count(e.failed);
  const stopped = count(e.stopped);
  const inProgress = count(e.in_progress);
  const done = succeed + failed + stopped;
  const total = Math.max(count(e.total), done + inProgress);
  const running = isRunning(e.status);
  const percent = total === 0 ? (running ? 0 : 100) : Math.floor((done * 100) / total);
  let variant: Progress['variant'];
  if (failed > 0 || e.status === 'Failed') {
    variant = 'danger';
  } else if (e.status === 'Stopped') {
    variant = 'warning';
  } else if (e.status === 'Succeed') {
    variant = 'success';
  }
  return { total, succeed, failed, stopped, inProgress, done, percent, variant };
}

/** The i18n key of a status's name. */
export function statusKey(status: string | null | undefined): string {
  switch (status) {
    case 'Pending':
    case 'InProgress':
    case 'Succeed':
    case 'Failed':
    case 'Stopped':
      return `adminReplication.status.${status}`;
    default:
      return 'adminReplication.status.unknown';
  }
}

/** The i18n key of a trigger's name. */
export function triggerKey(trigger: string | null | undefined): string {
  return trigger === 'manual' || trigger === 'scheduled' || trigger === 'event_based'
    ? `adminReplication.trigger.${trigger}`
    : 'adminReplication.trigger.unknown';
}
