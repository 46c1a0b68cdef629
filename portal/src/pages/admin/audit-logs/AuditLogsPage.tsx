import { useCallback } from 'react';
import { Alert, Label, PageSection, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditLogs, type AuditLog } from '../../../api/auditLogs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import { AuditFilterBar } from './AuditFilterBar';
import { auditQuery, FILTER_PARAMS, filtersFrom, type AuditFilters } from './auditQuery';

/** /admin/audit-logs: GET /audit-logs?q=…&page=&page_size=, newest first; the filters live in the URL. */
export default function AuditLogsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const q = auditQuery(filters);
  const list = usePagedList<AuditLog>((page) => auditLogs.list(page, q), `audit-logs:${q ?? ''}`);

  const apply = useCallback(
    (f: AuditFilters) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          next.delete('page');
          for (const [field, param] of Object.entries(FILTER_PARAMS) as [keyof AuditFilters, string][]) {
            const value = f[field];
            if (value) {
              next.set(param, value);
            } else {
              next.delete(param);
            }
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminAuditLogs.title')}
      </Title>
      <AuditFilterBar applied={filters} onApply={apply} />
      <ListPagination list={list} compact />
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={q ? t('adminAuditLogs.noMatch') : t('adminAuditLogs.empty')} />
      ) : (
        <Table aria-label={t('adminAuditLogs.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminAuditLogs.time')}</Th>
              <Th>{t('adminAuditLogs.username')}</Th>
              <Th>{t('adminAuditLogs.resource')}</Th>
              <Th>{t('adminAuditLogs.resourceType')}</Th>
              <Th>{t('adminAuditLogs.operation')}</Th>
              <Th>{t('adminAuditLogs.result')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('adminAuditLogs.project')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('adminAuditLogs.clientIp')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((a) => (
              <Tr key={a.id}>
                <Td dataLabel={t('adminAuditLogs.time')}>{formatTime(a.op_time, i18n.language)}</Td>
                <Td dataLabel={t('adminAuditLogs.username')} className="berth-break">
                  {a.username}
                </Td>
                <Td dataLabel={t('adminAuditLogs.resource')} className="berth-break">
                  {a.resource}
                </Td>
                <Td dataLabel={t('adminAuditLogs.resourceType')}>{a.resource_type}</Td>
                <Td dataLabel={t('adminAuditLogs.operation')}>{a.operation}</Td>
                <Td dataLabel={t('adminAuditLogs.result')}>{a.result ? <ResultLabel result={a.result} /> : null}</Td>
                <Td dataLabel={t('adminAuditLogs.project')} visibility={['hidden', 'visibleOnMd']} className="berth-break">
                  {a.project ?? ''}
                </Td>
                <Td dataLabel={t('adminAuditLogs.clientIp')} visibility={['hidden', 'visibleOnLg']}>
                  {a.client_ip ?? ''}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
    </PageSection>
  );
}

/** "success" in green; anything else ("failure: why") in red, with the API's words. */
function ResultLabel({ result }: { result: string }) {
  const { t } = useTranslation();
  return result === 'success' ? (
    <Label color="green" isCompact>
      {t('adminAuditLogs.results.success')}
    </Label>
  ) : (
    <Label color="red" isCompact className="berth-break">
      {result}
    </Label>
  );
}
