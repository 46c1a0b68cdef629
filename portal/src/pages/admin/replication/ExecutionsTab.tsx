import { useState } from 'react';
import { Alert, Button, FormSelect, FormSelectOption, Label, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EXECUTION_TRIGGERS, executions, STATUSES, type Execution } from '../../../api/replication';
import { links } from '../../../app/routes';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { usePolling } from '../../../components/usePolling';
import { formatTime } from '../../../lib/format';
import { ExecutionProgress, StatusLabel } from './ExecutionStatus';
import { isRunning, statusKey, triggerKey } from './progress';
import { usePolicyNames } from './usePolicyNames';

/** Every poll of a list or an execution that is still running. */
export const POLL_MS = 2000;

/** GET /replication/executions?policy_id=&status=&trigger=, newest first; polled while one shown is running; stop one. */
export function ExecutionsTab() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const policyParam = Number(params.get('policy_id'));
  const policyId = Number.isInteger(policyParam) && policyParam > 0 ? policyParam : undefined;
  const status = params.get('status') ?? '';
  const trigger = params.get('trigger') ?? '';
  const list = usePagedList<Execution>(
    (page) => executions.list(page, { policyId, status, trigger }),
    `replication-executions:${policyId ?? ''}:${status}:${trigger}`,
  );
  const names = usePolicyNames([...list.items.map((e) => e.policy_id), ...(policyId ? [policyId] : [])]);
  const [stopping, setStopping] = useState<Execution | null>(null);
  usePolling(list.items.some((e) => isRunning(e.status)), POLL_MS, list.reload);

  const filter = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete('page');
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const policyName = (id: number) => names[id] ?? `#${id}`;

  return (
    <>
      <ListToolbar
        list={list}
        actions={
          <>
            {policyId && (
              <ToolbarItem>
                <Label onClose={() => filter('policy_id', '')} closeBtnAriaLabel={t('adminReplication.allPolicies')} data-testid="executions-policy-filter">
                  {t('adminReplication.policyFilter', { name: policyName(policyId) })}
                </Label>
              </ToolbarItem>
            )}
            <ToolbarItem>
              <FormSelect id="executions-status" value={status} onChange={(_e, v) => filter('status', v)} aria-label={t('adminReplication.statusFilter')}>
                <FormSelectOption value="" label={t('adminReplication.anyStatus')} />
                {STATUSES.map((s) => (
                  <FormSelectOption key={s} value={s} label={t(statusKey(s))} />
                ))}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect id="executions-trigger" value={trigger} onChange={(_e, v) => filter('trigger', v)} aria-label={t('adminReplication.triggerFilter')}>
                <FormSelectOption value="" label={t('adminReplication.anyTrigger')} />
                {EXECUTION_TRIGGERS.map((tr) => (
                  <FormSelectOption key={tr} value={tr} label={t(triggerKey(tr))} />
                ))}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" onClick={list.reload}>
                {t('adminReplication.refresh')}
              </Button>
            </ToolbarItem>
          </>
        }
      />
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={t('adminReplication.noExecutions')} />
      ) : (
        <Table aria-label={t('adminReplication.executions')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminReplication.execution')}</Th>
              <Th>{t('adminReplication.policy')}</Th>
              <Th>{t('adminReplication.statusLabel')}</Th>
              <Th>{t('adminReplication.triggerLabel')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('adminReplication.started')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('adminReplication.ended')}</Th>
              <Th width={20}>{t('adminReplication.progress')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((e) => (
              <Tr key={e.id} data-testid={`execution-row-${e.id}`}>
                <Td dataLabel={t('adminReplication.execution')}>
                  <Link to={links.admin('replication', 'executions', e.id)}>{e.id}</Link>
                </Td>
                <Td dataLabel={t('adminReplication.policy')} className="berth-break">
                  {policyName(e.policy_id)}
                </Td>
                <Td dataLabel={t('adminReplication.statusLabel')}>
                  <StatusLabel status={e.status} text={e.status_text} />
                </Td>
                <Td dataLabel={t('adminReplication.triggerLabel')}>{t(triggerKey(e.trigger))}</Td>
                <Td dataLabel={t('adminReplication.started')} visibility={['hidden', 'visibleOnMd']}>
                  {formatTime(e.start_time ?? undefined, i18n.language)}
                </Td>
                <Td dataLabel={t('adminReplication.ended')} visibility={['hidden', 'visibleOnMd']}>
                  {formatTime(e.end_time ?? undefined, i18n.language)}
                </Td>
                <Td dataLabel={t('adminReplication.progress')}>
                  <ExecutionProgress execution={e} compact />
                </Td>
                <Td isActionCell>
                  {isRunning(e.status) && (
                    <Button variant="secondary" isDanger size="sm" aria-label={t('adminReplication.stopNamed', { id: e.id })} onClick={() => setStopping(e)}>
                      {t('adminReplication.stop')}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
      {stopping && (
        <StopDialog
          execution={stopping}
          onStopped={list.reload}
          onClose={() => setStopping(null)}
        />
      )}
    </>
  );
}

/** Stop (PUT /replication/executions/{id}): its pending tasks are dropped, the running ones stopped. */
export function StopDialog({ execution, onStopped, onClose }: { execution: Execution; onStopped: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('adminReplication.stopTitle')}
      confirmLabel={t('adminReplication.stop')}
      onConfirm={async () => {
        await executions.stop(execution.id);
        onStopped();
      }}
      onClose={onClose}
    >
      {t('adminReplication.stopBody', { id: execution.id })}
    </ConfirmDialog>
  );
}
