import { useState } from 'react';
import { Alert, Button, FormSelect, FormSelectOption, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { executions, STATUSES, type ExecutionTask } from '../../../api/replication';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { LogDialog } from '../../../components/LogDialog';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import { StatusLabel } from './ExecutionStatus';
import { statusKey } from './progress';

/** GET …/executions/{id}/tasks?status= (read again whenever `version` changes); each task's log in a dialog. */
export function TasksTable({ executionId, version }: { executionId: number; version: number }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const list = usePagedList<ExecutionTask>((page) => executions.tasks(executionId, page, status), `tasks:${executionId}:${status}:${version}`);
  const [log, setLog] = useState<ExecutionTask | null>(null);

  const setStatus = (value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete('page');
        if (value) {
          next.set('status', value);
        } else {
          next.delete('status');
        }
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <ListToolbar
        list={list}
        actions={
          <ToolbarItem>
            <FormSelect id="tasks-status" value={status} onChange={(_e, v) => setStatus(v)} aria-label={t('adminReplication.statusFilter')}>
              <FormSelectOption value="" label={t('adminReplication.anyStatus')} />
              {STATUSES.map((s) => (
                <FormSelectOption key={s} value={s} label={t(statusKey(s))} />
              ))}
            </FormSelect>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={t('adminReplication.noTasks')} />
      ) : (
        <Table aria-label={t('adminReplication.tasks')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminReplication.task')}</Th>
              <Th>{t('adminReplication.resourceType')}</Th>
              <Th>{t('adminReplication.source')}</Th>
              <Th>{t('adminReplication.destination')}</Th>
              <Th>{t('adminReplication.operation')}</Th>
              <Th>{t('adminReplication.statusLabel')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('adminReplication.started')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('adminReplication.ended')}</Th>
              <Th screenReaderText={t('adminReplication.log')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((task) => (
              <Tr key={task.id} data-testid={`task-row-${task.id}`}>
                <Td dataLabel={t('adminReplication.task')}>{task.id}</Td>
                <Td dataLabel={t('adminReplication.resourceType')}>{task.resource_type}</Td>
                <Td dataLabel={t('adminReplication.source')} className="berth-break">
                  {task.src_resource}
                </Td>
                <Td dataLabel={t('adminReplication.destination')} className="berth-break">
                  {task.dst_resource}
                </Td>
                <Td dataLabel={t('adminReplication.operation')}>{task.operation}</Td>
                <Td dataLabel={t('adminReplication.statusLabel')}>
                  <StatusLabel status={task.status} text={task.status_text} />
                </Td>
                <Td dataLabel={t('adminReplication.started')} visibility={['hidden', 'visibleOnLg']}>
                  {formatTime(task.start_time ?? undefined, i18n.language)}
                </Td>
                <Td dataLabel={t('adminReplication.ended')} visibility={['hidden', 'visibleOnLg']}>
                  {formatTime(task.end_time ?? undefined, i18n.language)}
                </Td>
                <Td isActionCell>
                  <Button variant="link" isInline aria-label={t('adminReplication.logOf', { id: task.id })} onClick={() => setLog(task)}>
                    {t('adminReplication.log')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
      {log && (
        <LogDialog
          title={t('adminReplication.logTitle', { id: log.id, resource: log.src_resource })}
          load={() => executions.taskLog(executionId, log.id)}
          onClose={() => setLog(null)}
        />
      )}
    </>
  );
}
