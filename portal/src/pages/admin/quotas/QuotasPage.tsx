import { useState } from 'react';
import { Button, EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { quotas } from '../../../api/quotas';
import type { Quota } from '../../../api/types';
import { links } from '../../../app/routes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { QuotaBar } from '../../../components/QuotaBar';
import { usePagedList } from '../../../components/usePagedList';
import { formatBytes } from '../../../lib/format';
import { QuotaDialog } from './QuotaDialog';
import { parseSort, sortParameter, type SortColumn } from './quotaSort';

/** /admin/quotas: each project's storage used against its limit (GET /api/v2.0/quotas, paged, ?sort=), and the limit's editor. */
export default function QuotasPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sort = parseSort(params.get('sort'));
  const sortText = sort ? sortParameter(sort.column, sort.direction) : '';
  const list = usePagedList<Quota>((page) => quotas.list(page, sortText), `quotas:${sortText}`);
  const [editing, setEditing] = useState<Quota | null>(null);

  const sortBy = (column: SortColumn, index: number): ThProps['sort'] => ({
    sortBy: sort?.column === column ? { index, direction: sort.direction } : {},
    columnIndex: index,
    onSort: (_e, _i, direction) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          next.set('sort', sortParameter(column, direction));
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
  });

  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminQuotas.title')}
      </Title>
      <ListToolbar list={list} />
      <ErrorAlert error={list.error} />
      {empty ? (
        <EmptyState titleText={t('adminQuotas.empty')} headingLevel="h2">
          <EmptyStateBody>{t('adminQuotas.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t('adminQuotas.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('projects.name')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('summary.owner')}</Th>
              <Th sort={sortBy('used', 2)} width={40}>
                {t('adminQuotas.usage')}
              </Th>
              <Th sort={sortBy('hard', 3)}>{t('quota.limit')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((q) => (
              <Tr key={q.id} data-testid={`quota-row-${q.ref.name}`}>
                <Td dataLabel={t('projects.name')}>
                  <Link to={links.project(q.ref.name)}>{q.ref.name}</Link>
                </Td>
                <Td dataLabel={t('summary.owner')} visibility={['hidden', 'visibleOnMd']}>
                  {q.ref.owner_name ?? ''}
                </Td>
                <Td dataLabel={t('adminQuotas.usage')}>
                  <QuotaBar used={q.used.storage} hard={q.hard.storage} label={t('adminQuotas.usageOf', { name: q.ref.name })} showUnlimited />
                </Td>
                <Td dataLabel={t('quota.limit')}>{q.hard.storage < 0 ? t('quota.unlimited') : formatBytes(q.hard.storage)}</Td>
                <Td isActionCell>
                  <Button variant="secondary" size="sm" onClick={() => setEditing(q)} aria-label={t('adminQuotas.editNamed', { name: q.ref.name })}>
                    {t('adminQuotas.edit')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {!empty && <ListPagination list={list} />}
      {editing && <QuotaDialog quota={editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
    </PageSection>
  );
}
