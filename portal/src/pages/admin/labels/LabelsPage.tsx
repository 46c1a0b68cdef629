import { useState } from 'react';
import { Alert, Button, PageSection, Title, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { labels, type LabelData } from '../../../api/labels';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { RowActions } from '../../../components/RowActions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LabelChip } from '../../../components/LabelChip';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import { LabelDialog } from './LabelDialog';

/** /api/v2.0/labels?scope=g (name=…): the global labels, which any project's artifacts can carry. New, edit, delete. */
export default function LabelsPage() {
  const { t, i18n } = useTranslation();
  const list = usePagedList<LabelData>((page, search) => labels.listGlobal(page, search), 'admin-labels');
  const [editing, setEditing] = useState<LabelData | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LabelData | null>(null);

  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminLabels.title')}
      </Title>
      <ListToolbar
        list={list}
        searchLabel={t('adminLabels.search')}
        actions={
          <ToolbarItem>
            <Button onClick={() => setEditing('new')}>{t('adminLabels.create')}</Button>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={list.search ? t('adminLabels.noMatch', { search: list.search }) : t('adminLabels.emptyTitle')}>
          {list.search ? null : t('adminLabels.emptyBody')}
        </Alert>
      ) : (
        <Table aria-label={t('adminLabels.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminLabels.label')}</Th>
              <Th>{t('adminLabels.description')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('adminLabels.created')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((l) => (
              <Tr key={l.id}>
                <Td dataLabel={t('adminLabels.label')}>
                  <LabelChip name={l.name} color={l.color} description={l.description} />
                </Td>
                <Td dataLabel={t('adminLabels.description')}>{l.description ?? ''}</Td>
                <Td dataLabel={t('adminLabels.created')} visibility={['hidden', 'visibleOnMd']}>
                  {formatTime(l.creation_time, i18n.language)}
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('adminLabels.actionsOf', { name: l.name })}
                    items={[
                      { title: t('adminLabels.edit'), onClick: () => setEditing(l) },
                      { isSeparator: true },
                      { title: t('common.delete'), onClick: () => setDeleting(l), isDanger: true },
                    ]}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
      {editing && <LabelDialog label={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
      {deleting && (
        <ConfirmDialog
          title={t('adminLabels.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await labels.remove(deleting.id);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('adminLabels.deleteBody', { name: deleting.name })}
        </ConfirmDialog>
      )}
    </PageSection>
  );
}
