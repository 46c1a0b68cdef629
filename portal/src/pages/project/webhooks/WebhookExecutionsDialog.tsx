import { useEffect, useState } from 'react';
import { Button, EmptyState, Label, Modal, ModalBody, ModalFooter, ModalHeader, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { webhooks, type WebhookExecution, type WebhookPolicy, type WebhookTask } from '../../../api/webhooks';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LogDialog } from '../../../components/LogDialog';
import { formatTime } from '../../../lib/format';

const EXECUTIONS_SHOWN = 50;

function StatusLabel({ status }: { status: string }) {
  const color = status === 'Success' ? 'green' : status === 'Error' ? 'red' : status === 'Running' || status === 'Pending' ? 'blue' : 'grey';
  return (
    <Label isCompact color={color}>
      {status}
    </Label>
  );
}

/** A policy's executions (one per event delivered), newest first; an execution's tasks (one per target) and their logs. */
export function WebhookExecutionsDialog({ projectId, policy, onClose }: { projectId: number; policy: WebhookPolicy; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const id = policy.id!;
  // A local list, not usePagedList: that one keeps its page in the URL, which the policies' list behind uses
  const [list, setList] = useState<{ items: WebhookExecution[]; total: number; loading: boolean; error: unknown }>({ items: [], total: 0, loading: true, error: null });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setList((l) => ({ ...l, loading: true, error: null }));
    webhooks.executions(projectId, id, { page: 1, pageSize: EXECUTIONS_SHOWN }).then(
      (page) => !cancelled && setList({ items: page.items, total: page.total, loading: false, error: null }),
      (e) => !cancelled && setList({ items: [], total: 0, loading: false, error: e }),
    );
    return () => {
      cancelled = true;
    };
  }, [projectId, id, reloads]);
  const [execution, setExecution] = useState<WebhookExecution | null>(null);
  const [tasks, setTasks] = useState<WebhookTask[] | null>(null);
  const [tasksError, setTasksError] = useState<unknown>(null);
  const [log, setLog] = useState<WebhookTask | null>(null);
  useEffect(() => {
    if (!execution) return;
    let cancelled = false;
    setTasks(null);
    setTasksError(null);
    webhooks.tasks(projectId, id, execution.id).then(
      (page) => !cancelled && setTasks(page.items),
      (e) => !cancelled && setTasksError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [execution, projectId, id]);
  return (
    <Modal isOpen variant="large" onClose={onClose} aria-labelledby="webhook-executions-title">
      <ModalHeader title={t('webhooks.executionsTitle', { name: policy.name })} labelId="webhook-executions-title" />
      <ModalBody>
        <ErrorAlert error={list.error} />
        {!list.loading && !list.error && list.items.length === 0 ? (
          <EmptyState titleText={t('webhooks.noExecutions')} headingLevel="h2" />
        ) : (
          <>
            <Table aria-label={t('webhooks.executions')} variant="compact" aria-busy={list.loading}>
              <Thead>
                <Tr>
                  <Th>{t('webhooks.execution')}</Th>
                  <Th>{t('webhooks.eventType')}</Th>
                  <Th>{t('cleanup.status')}</Th>
                  <Th>{t('webhooks.startTime')}</Th>
                  <Th screenReaderText={t('common.actions')} />
                </Tr>
              </Thead>
              <Tbody>
                {list.items.map((e) => (
                  <Tr key={e.id} isRowSelected={execution?.id === e.id}>
                    <Td dataLabel={t('webhooks.execution')}>{e.id}</Td>
                    <Td dataLabel={t('webhooks.eventType')} className="berth-mono">
                      {e.extra_attrs?.event_type ?? ''}
                    </Td>
                    <Td dataLabel={t('cleanup.status')}>
                      <StatusLabel status={e.status} />
                    </Td>
                    <Td dataLabel={t('webhooks.startTime')}>{formatTime(e.start_time, i18n.language)}</Td>
                    <Td isActionCell>
                      <Button variant="link" size="sm" onClick={() => setExecution(e)} aria-label={t('webhooks.tasksOf', { id: e.id })}>
                        {t('webhooks.tasks')}
                      </Button>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            {list.total > list.items.length && <p className="pf-v6-u-mt-sm">{t('webhooks.latestShown', { count: list.items.length, total: list.total })}</p>}
          </>
        )}
        {execution && (
          <>
            <Title headingLevel="h3" className="pf-v6-u-mt-md">
              {t('webhooks.tasksTitle', { id: execution.id })}
            </Title>
            <ErrorAlert error={tasksError} />
            <Table aria-label={t('webhooks.tasksTitle', { id: execution.id })} variant="compact" aria-busy={tasks === null && !tasksError}>
              <Thead>
                <Tr>
                  <Th>{t('webhooks.task')}</Th>
                  <Th>{t('webhooks.address')}</Th>
                  <Th>{t('webhooks.payloadFormat')}</Th>
                  <Th>{t('cleanup.status')}</Th>
                  <Th>{t('webhooks.attempts')}</Th>
                  <Th screenReaderText={t('common.actions')} />
                </Tr>
              </Thead>
              <Tbody>
                {(tasks ?? []).map((task) => (
                  <Tr key={task.id}>
                    <Td dataLabel={t('webhooks.task')}>{task.id}</Td>
                    <Td dataLabel={t('webhooks.address')} className="berth-mono berth-break">
                      {String(task.extra_attrs?.address ?? '')}
                    </Td>
                    <Td dataLabel={t('webhooks.payloadFormat')}>{String(task.extra_attrs?.payload_format ?? '')}</Td>
                    <Td dataLabel={t('cleanup.status')}>
                      <StatusLabel status={task.status} />
                    </Td>
                    <Td dataLabel={t('webhooks.attempts')}>{task.run_count ?? ''}</Td>
                    <Td isActionCell>
                      <Button variant="link" size="sm" onClick={() => setLog(task)} aria-label={t('webhooks.logOf', { id: task.id })}>
                        {t('cleanup.log')}
                      </Button>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </>
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="secondary" onClick={() => setReloads((n) => n + 1)} isLoading={list.loading} isDisabled={list.loading}>
          {t('logDialog.reload')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.close')}
        </Button>
      </ModalFooter>
      {log && execution && (
        <LogDialog
          title={t('webhooks.logTitle', { id: log.id })}
          load={() => webhooks.log(projectId, id, execution.id, log.id)}
          onClose={() => setLog(null)}
        />
      )}
    </Modal>
  );
}
