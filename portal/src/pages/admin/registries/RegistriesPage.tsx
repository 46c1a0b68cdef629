import { useState } from 'react';
import { Alert, AlertActionCloseButton, Button, Label, PageSection, Title, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { registries, type Registry } from '../../../api/registries';
import { messageOf } from '../../../api/errors';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { RowActions } from '../../../components/RowActions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import { RegistryDialog } from './RegistryDialog';
import { useRegistryTypeName } from './typeName';

type PingResult = { name: string; ok: true } | { name: string; ok: false; message: string };

/**
 * /api/v2.0/registries (q=name=~…): the registry endpoints replication uses. List, new, edit, test the
 * connection (POST /registries/ping {id}), delete (refused by core while a replication policy uses it).
 */
export default function RegistriesPage() {
  const { t, i18n } = useTranslation();
  const typeName = useRegistryTypeName();
  const list = usePagedList<Registry>((page, search) => registries.list(page, search), 'admin-registries');
  const [editing, setEditing] = useState<Registry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Registry | null>(null);
  const [pinging, setPinging] = useState<number | null>(null);
  const [ping, setPing] = useState<PingResult | null>(null);

  const test = async (r: Registry) => {
    setPinging(r.id);
    setPing(null);
    try {
      await registries.ping({ id: r.id });
      setPing({ name: r.name, ok: true });
    } catch (e) {
      setPing({ name: r.name, ok: false, message: messageOf(e) });
    } finally {
      setPinging(null);
    }
  };

  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminRegistries.title')}
      </Title>
      <div aria-live="polite">
        {ping && (
          <Alert
            variant={ping.ok ? 'success' : 'danger'}
            isInline
            title={ping.ok ? t('adminRegistries.pingOkNamed', { name: ping.name }) : t('adminRegistries.pingFailedNamed', { name: ping.name })}
            className="pf-v6-u-mb-md"
            actionClose={<AlertActionCloseButton onClose={() => setPing(null)} />}
          >
            {ping.ok ? null : ping.message}
          </Alert>
        )}
      </div>
      <ListToolbar
        list={list}
        searchLabel={t('adminRegistries.search')}
        actions={
          <ToolbarItem>
            <Button onClick={() => setEditing('new')}>{t('adminRegistries.create')}</Button>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert
          variant="info"
          isInline
          isPlain
          title={list.search ? t('adminRegistries.noMatch', { search: list.search }) : t('adminRegistries.emptyTitle')}
        >
          {list.search ? null : t('adminRegistries.emptyBody')}
        </Alert>
      ) : (
        <Table aria-label={t('adminRegistries.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th modifier="nowrap">{t('adminRegistries.name')}</Th>
              <Th>{t('adminRegistries.url')}</Th>
              <Th>{t('adminRegistries.type')}</Th>
              <Th>{t('adminRegistries.certificate')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('adminRegistries.description')}</Th>
              <Th visibility={['hidden', 'visibleOnXl']}>{t('adminRegistries.created')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((r) => (
              <Tr key={r.id}>
                <Td dataLabel={t('adminRegistries.name')} className="berth-break">
                  {r.name}
                </Td>
                <Td dataLabel={t('adminRegistries.url')} className="berth-break">
                  {r.url}
                </Td>
                <Td dataLabel={t('adminRegistries.type')}>{typeName(r.type)}</Td>
                <Td dataLabel={t('adminRegistries.certificate')}>
                  {r.insecure ? (
                    <Label color="orange">{t('adminRegistries.notVerified')}</Label>
                  ) : (
                    <Label color="green">{t('adminRegistries.verified')}</Label>
                  )}
                </Td>
                <Td dataLabel={t('adminRegistries.description')} visibility={['hidden', 'visibleOnLg']}>
                  {r.description ?? ''}
                </Td>
                <Td dataLabel={t('adminRegistries.created')} visibility={['hidden', 'visibleOnXl']}>
                  {formatTime(r.creation_time, i18n.language)}
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('adminRegistries.actionsOf', { name: r.name })}
                    isDisabled={pinging === r.id}
                    items={[
                      { title: t('adminRegistries.edit'), onClick: () => setEditing(r) },
                      { title: t('adminRegistries.ping'), onClick: () => test(r) },
                      { isSeparator: true },
                      { title: t('common.delete'), onClick: () => setDeleting(r), isDanger: true },
                    ]}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
      {editing && (
        <RegistryDialog registry={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={list.reload} />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('adminRegistries.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await registries.remove(deleting.id);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('adminRegistries.deleteBody', { name: deleting.name })}
        </ConfirmDialog>
      )}
    </PageSection>
  );
}
