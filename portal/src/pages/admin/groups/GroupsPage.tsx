import { useState } from 'react';
import { Button, EmptyState, EmptyStateBody, Label, PageSection, Title, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { userGroups, type UserGroup } from '../../../api/userGroups';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { RowActions } from '../../../components/RowActions';
import { usePagedList } from '../../../components/usePagedList';
import { GroupDialog } from './GroupDialog';

type Dialog = { kind: 'create' } | { kind: 'edit'; group: UserGroup } | { kind: 'delete'; group: UserGroup };

/** Administration → Groups: GET /api/v2.0/usergroups (search by name), add, rename, delete. */
export default function GroupsPage() {
  const { t } = useTranslation();
  const list = usePagedList<UserGroup>((page, search) => userGroups.list(page, search), 'usergroups');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminGroups.title')}
      </Title>
      <ListToolbar
        list={list}
        searchLabel={t('adminGroups.search')}
        actions={
          <ToolbarItem>
            <Button onClick={() => setDialog({ kind: 'create' })}>{t('adminGroups.create')}</Button>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error} />
      {empty ? (
        <EmptyState titleText={list.search ? t('adminGroups.noMatchTitle') : t('adminGroups.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>{t('adminGroups.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t('adminGroups.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminGroups.name')}</Th>
              <Th>{t('adminGroups.type')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('adminGroups.dn')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((g) => (
              <Tr key={g.id}>
                <Td dataLabel={t('adminGroups.name')} className="berth-break">
                  {g.group_name}
                </Td>
                <Td dataLabel={t('adminGroups.type')}>
                  <Label isCompact>{t(`adminGroups.types.${g.group_type}`)}</Label>
                </Td>
                <Td dataLabel={t('adminGroups.dn')} visibility={['hidden', 'visibleOnMd']} className="berth-mono berth-break">
                  {g.ldap_group_dn ?? ''}
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('adminGroups.actionsOf', { name: g.group_name })}
                    items={[
                      { title: t('adminGroups.rename'), onClick: () => setDialog({ kind: 'edit', group: g }) },
                      { isSeparator: true },
                      { title: t('common.delete'), onClick: () => setDialog({ kind: 'delete', group: g }), isDanger: true },
                    ]}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {!empty && <ListPagination list={list} />}
      {dialog?.kind === 'create' && <GroupDialog onClose={() => setDialog(null)} onSaved={list.reload} />}
      {dialog?.kind === 'edit' && <GroupDialog group={dialog.group} onClose={() => setDialog(null)} onSaved={list.reload} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={t('adminGroups.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await userGroups.remove(dialog.group.id);
            list.reload();
          }}
          onClose={() => setDialog(null)}
        >
          {t('adminGroups.deleteBody', { name: dialog.group.group_name })}
        </ConfirmDialog>
      )}
    </PageSection>
  );
}
