import { useCallback, useEffect, useState } from 'react';
import { Button, EmptyState, EmptyStateBody, Label, LabelGroup, Switch, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { lastTriggerOf, webhooks, type WebhookEvents, type WebhookLastTrigger, type WebhookPolicy } from '../../../api/webhooks';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { RowActions } from '../../../components/RowActions';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import type { ProjectContext } from '../ProjectPage';
import { WebhookExecutionsDialog } from './WebhookExecutionsDialog';
import { WebhookPolicyDialog } from './WebhookPolicyDialog';
import { WebhookSecretDialog } from './WebhookSecretDialog';

/** GET /api/v2.0/projects/{id}/webhook/policies: who is told what happens in the project (project administrators). */
export default function WebhooksTab({ project, may }: ProjectContext) {
  const { t, i18n } = useTranslation();
  const projectId = project.project_id;
  const list = usePagedList<WebhookPolicy>((page) => webhooks.list(projectId, page), `webhooks:${projectId}`);
  const [events, setEvents] = useState<WebhookEvents | null>(null);
  const [eventsError, setEventsError] = useState<unknown>(null);
  const [triggers, setTriggers] = useState<WebhookLastTrigger[]>([]);
  const [editing, setEditing] = useState<WebhookPolicy | 'new' | null>(null);
  const [deleting, setDeleting] = useState<WebhookPolicy | null>(null);
  const [executions, setExecutions] = useState<WebhookPolicy | null>(null);
  const [secret, setSecret] = useState<WebhookPolicy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const manage = may('manageWebhooks');

  useEffect(() => {
    webhooks.events(projectId).then(setEvents, setEventsError);
  }, [projectId]);
  const readTriggers = useCallback(() => {
    webhooks.lastTriggers(projectId).then(setTriggers, () => setTriggers([]));
  }, [projectId]);
  useEffect(readTriggers, [readTriggers, list.items]);

  const reload = () => list.reload();
  const toggle = async (policy: WebhookPolicy, enabled: boolean) => {
    setError(null);
    try {
      await webhooks.setEnabled(projectId, policy.id!, enabled);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <>
      <ListToolbar
        list={list}
        actions={
          manage && (
            <ToolbarItem>
              <Button onClick={() => setEditing('new')} data-testid="webhook-create">
                {t('webhooks.create')}
              </Button>
            </ToolbarItem>
          )
        }
      />
      <ErrorAlert error={list.error ?? error} />
      {empty ? (
        <EmptyState titleText={t('webhooks.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>{t('webhooks.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t('project.webhooks')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('webhooks.name')}</Th>
              <Th>{t('webhooks.enabled')}</Th>
              <Th>{t('webhooks.eventTypes')}</Th>
              <Th>{t('webhooks.address')}</Th>
              <Th>{t('webhooks.payloadFormat')}</Th>
              <Th>{t('webhooks.lastTrigger')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((p) => {
              const target = p.targets?.[0];
              const last = lastTriggerOf(p.name, triggers);
              return (
                <Tr key={p.id}>
                  <Td dataLabel={t('webhooks.name')}>{p.name}</Td>
                  <Td dataLabel={t('webhooks.enabled')}>
                    <Switch
                      id={`webhook-enabled-${p.id}`}
                      aria-label={t('webhooks.enabledOf', { name: p.name })}
                      isChecked={p.enabled}
                      isDisabled={!manage}
                      onChange={(_e, v) => void toggle(p, v)}
                    />
                  </Td>
                  <Td dataLabel={t('webhooks.eventTypes')}>
                    <LabelGroup numLabels={3}>
                      {(p.event_types ?? []).map((e) => (
                        <Label key={e} isCompact>
                          {e}
                        </Label>
                      ))}
                    </LabelGroup>
                  </Td>
                  <Td dataLabel={t('webhooks.address')} className="berth-mono berth-break">
                    {target ? `${target.type}: ${target.address}` : ''}
                  </Td>
                  <Td dataLabel={t('webhooks.payloadFormat')}>{target?.payload_format ?? ''}</Td>
                  <Td dataLabel={t('webhooks.lastTrigger')}>{last ? formatTime(last, i18n.language) : t('webhooks.never')}</Td>
                  <Td isActionCell>
                    <RowActions
                      label={t('webhooks.actionsOf', { name: p.name })}
                      items={[
                        { title: t('webhooks.executions'), onClick: () => setExecutions(p) },
                        ...(manage
                          ? [
                              { title: t('webhooks.edit'), onClick: () => setEditing(p) },
                              { title: p.enabled ? t('webhooks.disable') : t('webhooks.enable'), onClick: () => void toggle(p, !p.enabled) },
                              { isSeparator: true },
                              { title: t('common.delete'), onClick: () => setDeleting(p), isDanger: true },
                            ]
                          : []),
                      ]}
                    />
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {!empty && <ListPagination list={list} />}
      {editing && (
        <WebhookPolicyDialog
          projectId={projectId}
          events={events}
          eventsError={eventsError}
          policy={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            reload();
            if (created?.secret) setSecret(created);
          }}
        />
      )}
      {secret && <WebhookSecretDialog name={secret.name} secret={secret.secret!} onClose={() => setSecret(null)} />}
      {executions && <WebhookExecutionsDialog projectId={projectId} policy={executions} onClose={() => setExecutions(null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('webhooks.deleteTitle', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await webhooks.remove(projectId, deleting.id!);
            reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('webhooks.deleteBody')}
        </ConfirmDialog>
      )}
    </>
  );
}
