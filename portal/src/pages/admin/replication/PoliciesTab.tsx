import { useEffect, useState } from 'react';
import { Alert, Button, Label, Tooltip, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { executions, policies, type Execution, type RegistryRef, type ReplicationPolicy } from '../../../api/replication';
import { links } from '../../../app/routes';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RowActions } from '../../../components/RowActions';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import { StatusLabel } from './ExecutionStatus';
import { PolicyDialog } from './PolicyDialog';
import { triggerKey } from './progress';

/** GET /replication/policies?q=name=~…; create, edit, delete, and run now (POST /replication/executions). */
export function PoliciesTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = usePagedList<ReplicationPolicy>((page, search) => policies.list(page, search), 'replication-policies');
  const [editing, setEditing] = useState<ReplicationPolicy | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ReplicationPolicy | null>(null);
  const [running, setRunning] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const replicate = async (p: ReplicationPolicy) => {
    setRunning(p.id);
    setError(null);
    try {
      const id = await executions.start(p.id);
      navigate(id === null ? `${links.admin('replication', 'executions')}?policy_id=${p.id}` : links.admin('replication', 'executions', id));
    } catch (e) {
      setError(e);
      setRunning(null);
    }
  };

  const registry = (ref: RegistryRef | null | undefined) => (!ref || ref.id === 0 ? t('adminReplication.local') : (ref.name ?? `#${ref.id}`));
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <>
      <ListToolbar
        list={list}
        searchLabel={t('adminReplication.search')}
        actions={
          <ToolbarItem>
            <Button onClick={() => setEditing('new')} data-testid="replication-new-policy">
              {t('adminReplication.create')}
            </Button>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error ?? error} />
      {empty ? (
        <Alert variant="info" isInline isPlain title={list.search ? t('adminReplication.noMatch') : t('adminReplication.emptyTitle')}>
          {!list.search && t('adminReplication.emptyBody')}
        </Alert>
      ) : (
        <Table aria-label={t('adminReplication.policies')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminReplication.name')}</Th>
              <Th>{t('adminReplication.source')}</Th>
              <Th>{t('adminReplication.destination')}</Th>
              <Th>{t('adminReplication.triggerLabel')}</Th>
              <Th>{t('adminReplication.enabled')}</Th>
              <Th>{t('adminReplication.lastRun')}</Th>
              <Th screenReaderText={t('adminReplication.replicate')} />
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((p) => (
              <Tr key={p.id} data-testid={`policy-row-${p.name}`}>
                <Td dataLabel={t('adminReplication.name')} className="berth-break">
                  {p.name}
                  {p.description && <div className="pf-v6-u-font-size-sm pf-v6-u-color-200">{p.description}</div>}
                </Td>
                <Td dataLabel={t('adminReplication.source')}>{registry(p.src_registry)}</Td>
                <Td dataLabel={t('adminReplication.destination')} className="berth-break">
                  {registry(p.dest_registry)}
                  {p.dest_namespace ? ` / ${p.dest_namespace}` : ''}
                </Td>
                <Td dataLabel={t('adminReplication.triggerLabel')}>
                  {t(triggerKey(p.trigger?.type))}
                  {p.trigger?.type === 'scheduled' && <div className="berth-mono pf-v6-u-font-size-sm">{p.trigger.trigger_settings?.cron}</div>}
                </Td>
                <Td dataLabel={t('adminReplication.enabled')}>
                  {p.enabled ? <Label color="green">{t('adminReplication.on')}</Label> : <Label color="grey">{t('adminReplication.off')}</Label>}
                </Td>
                <Td dataLabel={t('adminReplication.lastRun')}>
                  <LastRun policyId={p.id} reloadKey={list.loading} />
                </Td>
                <Td isActionCell>
                  <Tooltip content={p.enabled ? t('adminReplication.replicateHint') : t('adminReplication.disabledHint')}>
                    <Button
                      variant="secondary"
                      size="sm"
                      isAriaDisabled={!p.enabled || running !== null}
                      isLoading={running === p.id}
                      aria-label={t('adminReplication.replicateNamed', { name: p.name })}
                      onClick={() => replicate(p)}
                    >
                      {t('adminReplication.replicate')}
                    </Button>
                  </Tooltip>
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('adminReplication.actionsOf', { name: p.name })}
                    items={[
                      { title: t('adminReplication.edit'), onClick: () => setEditing(p) },
                      { title: t('adminReplication.showExecutions'), onClick: () => navigate(`${links.admin('replication', 'executions')}?policy_id=${p.id}`) },
                      { isSeparator: true },
                      { title: t('common.delete'), onClick: () => setDeleting(p), isDanger: true },
                    ]}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {!empty && <ListPagination list={list} />}
      {editing && (
        <PolicyDialog
          policy={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('adminReplication.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await policies.remove(deleting.id);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('adminReplication.deleteBody', { name: deleting.name })}
        </ConfirmDialog>
      )}
    </>
  );
}

/** The policy's newest execution (the API has no "last run" on a policy): its status and start, linked. */
function LastRun({ policyId, reloadKey }: { policyId: number; reloadKey: boolean }) {
  const { t, i18n } = useTranslation();
  const [latest, setLatest] = useState<Execution | null | undefined>(undefined);
  useEffect(() => {
    if (reloadKey) {
      return;
    }
    let cancelled = false;
    executions.latest(policyId).then(
      (e) => !cancelled && setLatest(e),
      () => !cancelled && setLatest(null),
    );
    return () => {
      cancelled = true;
    };
  }, [policyId, reloadKey]);
  if (latest === undefined) {
    return null;
  }
  if (latest === null) {
    return <>{t('adminReplication.never')}</>;
  }
  return (
    <Link to={links.admin('replication', 'executions', latest.id)}>
      <StatusLabel status={latest.status} /> {formatTime(latest.start_time ?? undefined, i18n.language)}
    </Link>
  );
}
