import { useEffect, useState } from 'react';
import { Button, EmptyState, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { retention, type RetentionExecution, type RetentionTask } from '../../../api/retention';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LogDialog } from '../../../components/LogDialog';
import { formatTime } from '../../../lib/format';

const SHOWN = 20;

function StatusLabel({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'Success' ? 'green' : status === 'Error' ? 'red' : status === 'Running' || status === 'Pending' ? 'blue' : 'grey';
  return (
    <Label isCompact color={color}>
      {t(`cleanup.statuses.${status}`, { defaultValue: status })}
    </Label>
  );
}

/** A policy's latest runs, newest first (stop a running one); a run's tasks, one per repository, and their logs. */
export function RetentionRuns({ policyId, manage, reloads }: { policyId: number; manage: boolean; reloads: number }) {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<{ items: RetentionExecution[]; total: number; loading: boolean; error: unknown }>({ items: [], total: 0, loading: true, error: null });
  const [own, setOwn] = useState(0);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    setList((l) => ({ ...l, loading: true, error: null }));
    retention.executions(policyId, { page: 1, pageSize: SHOWN }).then(
      (page) => !cancelled && setList({ items: page.items, total: page.total, loading: false, error: null }),
      (e) => !cancelled && setList({ items: [], total: 0, loading: false, error: e }),
    );
    return () => {
      cancelled = true;
    };
  }, [policyId, reloads, own]);
  const [execution, setExecution] = useState<RetentionExecution | null>(null);
  const [tasks, setTasks] = useState<RetentionTask[] | null>(null);
  const [log, setLog] = useState<RetentionTask | null>(null);
  useEffect(() => {
    if (!execution) return;
    let cancelled = false;
    setTasks(null);
    retention.tasks(policyId, execution.id).then(
      (page) => !cancelled && setTasks(page.items),
      (e) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [execution, policyId]);
  const stop = async (e: RetentionExecution) => {
    setError(null);
    try {
      await retention.stop(policyId, e.id);
      setOwn((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <Title headingLevel="h2" className="pf-v6-u-mt-lg">
        {t('cleanup.history')}
      </Title>
      <ErrorAlert error={list.error ?? error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <EmptyState titleText={t('retention.noRuns')} headingLevel="h3" />
      ) : (
        <Table aria-label={t('cleanup.history')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('cleanup.run')}</Th>
              <Th>{t('cleanup.status')}</Th>
              <Th>{t('retention.trigger')}</Th>
              <Th>{t('cleanup.dryRun')}</Th>
              <Th>{t('cleanup.startedAt')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((e) => (
              <Tr key={e.id} isRowSelected={execution?.id === e.id}>
                <Td dataLabel={t('cleanup.run')}>{e.id}</Td>
                <Td dataLabel={t('cleanup.status')}>
                  <StatusLabel status={e.status} />
                </Td>
                <Td dataLabel={t('retention.trigger')}>{t(e.trigger === 'SCHEDULE' ? 'cleanup.scheduled' : 'cleanup.manual')}</Td>
                <Td dataLabel={t('cleanup.dryRun')}>{e.dry_run ? t('cleanup.dryRunShort') : ''}</Td>
                <Td dataLabel={t('cleanup.startedAt')}>{formatTime(e.start_time, i18n.language)}</Td>
                <Td isActionCell>
                  <Button variant="link" size="sm" onClick={() => setExecution(e)} aria-label={t('retention.tasksOf', { id: e.id })}>
                    {t('retention.tasks')}
                  </Button>
                  {manage && e.status === 'Running' && (
                    <Button variant="link" isDanger size="sm" onClick={() => void stop(e)} aria-label={t('cleanup.stopRun', { id: e.id })}>
                      {t('cleanup.stop')}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {execution && (
        <>
          <Title headingLevel="h3" className="pf-v6-u-mt-md">
            {t('retention.tasksTitle', { id: execution.id })}
          </Title>
          <Table aria-label={t('retention.tasksTitle', { id: execution.id })} variant="compact" aria-busy={tasks === null}>
            <Thead>
              <Tr>
                <Th>{t('immutable.repositories')}</Th>
                <Th>{t('cleanup.status')}</Th>
                <Th>{t('retention.total')}</Th>
                <Th>{t('retention.retained')}</Th>
                <Th screenReaderText={t('common.actions')} />
              </Tr>
            </Thead>
            <Tbody>
              {(tasks ?? []).map((task) => (
                <Tr key={task.id}>
                  <Td dataLabel={t('immutable.repositories')} className="berth-mono berth-break">
                    {task.repository}
                  </Td>
                  <Td dataLabel={t('cleanup.status')}>
                    <StatusLabel status={task.status} />
                  </Td>
                  <Td dataLabel={t('retention.total')}>{task.total}</Td>
                  <Td dataLabel={t('retention.retained')}>{task.retained}</Td>
                  <Td isActionCell>
                    <Button variant="link" size="sm" onClick={() => setLog(task)} aria-label={t('retention.logOf', { repository: task.repository })}>
                      {t('cleanup.log')}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
      {log && execution && (
        <LogDialog
          title={t('retention.logTitle', { repository: log.repository })}
          load={() => retention.log(policyId, execution.id, log.id)}
          onClose={() => setLog(null)}
        />
      )}
    </>
  );
}
