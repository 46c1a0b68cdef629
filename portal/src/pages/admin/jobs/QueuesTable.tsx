import { useState } from 'react';
import { Button, Flex, FlexItem, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { ALL, jobservice, type JobQueue, type QueueAction } from '../../../api/jobservice';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RowActions } from '../../../components/RowActions';
import { allActions, duration, summarize } from './dashboard';

/** The queues (one per job type): pending tasks, latency, paused; PUT /jobservice/queues/{job_type|all} {action}. */
export function QueuesTable({ queues, loading, onChanged }: { queues: JobQueue[]; loading: boolean; onChanged: () => unknown }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stopping, setStopping] = useState<string | null>(null);
  const summary = summarize(queues);
  const can = allActions(queues);

  const act = async (jobType: string, action: QueueAction) => {
    setBusy(`${jobType}:${action}`);
    setError(null);
    try {
      await jobservice.queueAction(jobType, action);
    } catch (e) {
      setError(e);
    }
    setBusy(null);
    await onChanged();
  };
  const name = (jobType: string) => (jobType === ALL ? t('adminJobs.allQueues') : jobType);

  return (
    <section className="pf-v6-u-mb-lg" aria-labelledby="jobs-queues-title">
      <Flex alignItems={{ default: 'alignItemsCenter' }} className="pf-v6-u-mb-sm">
        <FlexItem>
          <Title headingLevel="h2" id="jobs-queues-title">
            {t('adminJobs.queues')}
          </Title>
        </FlexItem>
        <FlexItem className="pf-v6-u-color-200">{t('adminJobs.queueSummary', { ...summary })}</FlexItem>
        <FlexItem align={{ default: 'alignRight' }}>
          <Button variant="secondary" size="sm" isDisabled={!can.pause || busy !== null} onClick={() => act(ALL, 'pause')}>
            {t('adminJobs.pauseAll')}
          </Button>{' '}
          <Button variant="secondary" size="sm" isDisabled={!can.resume || busy !== null} onClick={() => act(ALL, 'resume')}>
            {t('adminJobs.resumeAll')}
          </Button>
        </FlexItem>
      </Flex>
      <ErrorAlert error={error} />
      <Table aria-label={t('adminJobs.queues')} variant="compact" aria-busy={loading}>
        <Thead>
          <Tr>
            <Th>{t('adminJobs.jobType')}</Th>
            <Th>{t('adminJobs.pending')}</Th>
            <Th>{t('adminJobs.latency')}</Th>
            <Th>{t('adminJobs.state')}</Th>
            <Th screenReaderText={t('common.actions')} />
            <Th screenReaderText={t('adminJobs.moreActions')} />
          </Tr>
        </Thead>
        <Tbody>
          {queues.length === 0 && !loading && (
            <Tr>
              <Td colSpan={6}>{t('adminJobs.noQueues')}</Td>
            </Tr>
          )}
          {queues.map((q) => {
            const d = duration(q.latency);
            const action: QueueAction = q.paused ? 'resume' : 'pause';
            return (
              <Tr key={q.job_type} data-testid={`queue-row-${q.job_type}`}>
                <Td dataLabel={t('adminJobs.jobType')} className="berth-break">
                  {q.job_type}
                </Td>
                <Td dataLabel={t('adminJobs.pending')}>{q.count}</Td>
                <Td dataLabel={t('adminJobs.latency')}>{t(d.key, d.values)}</Td>
                <Td dataLabel={t('adminJobs.state')}>
                  {q.paused ? <Label color="orange">{t('adminJobs.paused')}</Label> : <Label color="green">{t('adminJobs.running')}</Label>}
                </Td>
                <Td isActionCell>
                  <Button
                    variant="secondary"
                    size="sm"
                    isDisabled={busy !== null}
                    isLoading={busy === `${q.job_type}:${action}`}
                    aria-label={t(q.paused ? 'adminJobs.resumeNamed' : 'adminJobs.pauseNamed', { name: q.job_type })}
                    onClick={() => act(q.job_type, action)}
                  >
                    {q.paused ? t('adminJobs.resume') : t('adminJobs.pause')}
                  </Button>
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('adminJobs.actionsOf', { name: q.job_type })}
                    items={[{ title: t('adminJobs.stopPending'), onClick: () => setStopping(q.job_type), isDanger: true }]}
                  />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {stopping && (
        <ConfirmDialog
          title={t('adminJobs.stopTitle')}
          confirmLabel={t('adminJobs.stopPending')}
          onConfirm={async () => {
            await jobservice.queueAction(stopping, 'stop');
            await onChanged();
          }}
          onClose={() => setStopping(null)}
        >
          {t('adminJobs.stopBody', { name: name(stopping) })}
        </ConfirmDialog>
      )}
    </section>
  );
}
