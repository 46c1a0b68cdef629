import { useState, type ReactNode } from 'react';
import { Button, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { isActive, type JobRun, type ScheduledJobApi } from '../../../api/execHistory';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LogDialog } from '../../../components/LogDialog';
import { formatTime } from '../../../lib/format';

const STATUS_COLOR = { Pending: 'grey', Running: 'blue', Success: 'green', Error: 'red', Stopped: 'orange' } as const;

/**
 * A scheduled job's runs, newest first: how each was started, its status, parameters and result (the job's
 * own cells), its log, and a stop for a running one. Rows are `${id}-run-<n>`, statuses `${id}-status`.
 */
export function RunHistoryTable({
  id,
  job,
  runs,
  loading,
  onChanged,
  parameters,
  result,
  logTitle,
  stopTitle,
  stopBody,
}: {
  /** Prefix of the test ids (gc, purge). */
  id: string;
  job: Pick<ScheduledJobApi<unknown>, 'log' | 'stop'>;
  runs: JobRun[];
  loading: boolean;
  onChanged: () => void;
  parameters: (run: JobRun) => ReactNode;
  result: (run: JobRun) => ReactNode;
  logTitle: (runId: number) => string;
  stopTitle: string;
  stopBody: (runId: number) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [log, setLog] = useState<number | null>(null);
  const [stopping, setStopping] = useState<number | null>(null);
  return (
    <>
      <Table aria-label={t('cleanup.history')} variant="compact" aria-busy={loading}>
        <Thead>
          <Tr>
            <Th>{t('cleanup.run')}</Th>
            <Th>{t('cleanup.status')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('cleanup.parameters')}</Th>
            <Th>{t('cleanup.result')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('cleanup.startedAt')}</Th>
            <Th screenReaderText={t('common.actions')} />
          </Tr>
        </Thead>
        <Tbody>
          {runs.map((run) => (
            <Tr key={run.id} data-testid={`${id}-run-${run.id}`}>
              <Td dataLabel={t('cleanup.run')}>
                {run.id} · {t(run.job_kind === 'SCHEDULE' ? 'cleanup.scheduled' : 'cleanup.manual')}
              </Td>
              <Td dataLabel={t('cleanup.status')}>
                <Label isCompact color={STATUS_COLOR[run.job_status] ?? 'grey'} data-testid={`${id}-status`}>
                  {t(`cleanup.statuses.${run.job_status}`)}
                </Label>
              </Td>
              <Td dataLabel={t('cleanup.parameters')} visibility={['hidden', 'visibleOnMd']}>
                {parameters(run)}
              </Td>
              <Td dataLabel={t('cleanup.result')}>{result(run)}</Td>
              <Td dataLabel={t('cleanup.startedAt')} visibility={['hidden', 'visibleOnMd']}>
                {formatTime(run.creation_time, i18n.language)}
              </Td>
              <Td isActionCell>
                <Button variant="link" isInline onClick={() => setLog(run.id)} aria-label={t('cleanup.logOf', { id: run.id })}>
                  {t('cleanup.log')}
                </Button>
                {isActive(run) && (
                  <>
                    {' '}
                    <Button variant="secondary" size="sm" isDanger onClick={() => setStopping(run.id)} aria-label={t('cleanup.stopRun', { id: run.id })}>
                      {t('cleanup.stop')}
                    </Button>
                  </>
                )}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {log !== null && <LogDialog title={logTitle(log)} load={() => job.log(log)} onClose={() => setLog(null)} />}
      {stopping !== null && (
        <ConfirmDialog
          title={stopTitle}
          confirmLabel={t('cleanup.stop')}
          onConfirm={async () => {
            await job.stop(stopping);
            onChanged();
          }}
          onClose={() => setStopping(null)}
        >
          {stopBody(stopping)}
        </ConfirmDialog>
      )}
    </>
  );
}
