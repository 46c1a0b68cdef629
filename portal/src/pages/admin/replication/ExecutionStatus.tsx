import { Label, Progress, Tooltip } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { Execution, ReplicationStatus } from '../../../api/replication';
import { isRunning, progressOf, statusKey } from './progress';

const COLORS: Record<ReplicationStatus, 'blue' | 'green' | 'red' | 'orange' | 'grey'> = {
  Pending: 'grey',
  InProgress: 'blue',
  Succeed: 'green',
  Failed: 'red',
  Stopped: 'orange',
};

/** A status as a label, its text visible (data-status holds the API's word), the API's message as its tooltip. */
export function StatusLabel({ status, text }: { status: ReplicationStatus | null | undefined; text?: string | null }) {
  const { t } = useTranslation();
  const label = (
    <Label color={status ? COLORS[status] : 'grey'} data-status={status ?? ''} isCompact>
      {t(statusKey(status))}
    </Label>
  );
  return text ? <Tooltip content={text}>{label}</Tooltip> : label;
}

/** How many of the execution's tasks have ended, and how: a progress bar labelled with the counts. */
export function ExecutionProgress({ execution, compact }: { execution: Execution; compact?: boolean }) {
  const { t } = useTranslation();
  const p = progressOf(execution);
  const counts = t('adminReplication.progressCounts', {
    done: p.done,
    total: p.total,
    succeed: p.succeed,
    failed: p.failed,
    stopped: p.stopped,
    inProgress: p.inProgress,
  });
  return (
    <Progress
      value={p.percent}
      variant={p.variant}
      size={compact ? 'sm' : 'md'}
      measureLocation={compact ? 'outside' : 'top'}
      label={compact ? `${p.done}/${p.total}` : counts}
      valueText={counts}
      aria-label={t('adminReplication.progressOf', { id: execution.id })}
      data-testid={`execution-progress-${execution.id}`}
      data-running={isRunning(execution.status) ? 'true' : 'false'}
      hideStatusIcon={compact}
    />
  );
}
