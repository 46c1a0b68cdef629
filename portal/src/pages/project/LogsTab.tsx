import { EmptyState, EmptyStateBody, Button, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { projects } from '../../api/berth';
import type { AuditLog } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../lib/format';
import type { ProjectContext } from './ProjectPage';

/** GET /api/v2.0/projects/{name}/logs?q=username=~…: who pushed, pulled, deleted what in the project, newest first. */
export function LogsTab({ project }: ProjectContext) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<AuditLog>((page, search) => projects.logs(project.name, page, search), `logs:${project.name}`);
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <>
      <ListToolbar list={list} searchLabel={t('logs.search')} />
      <ErrorAlert error={list.error} />
      {empty ? (
        <EmptyState titleText={list.search ? t('logs.noMatchTitle') : t('logs.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>
            {list.search ? (
              <Button variant="link" onClick={() => list.setSearch('')}>
                {t('common.clearSearch')}
              </Button>
            ) : (
              t('logs.emptyBody')
            )}
          </EmptyStateBody>
        </EmptyState>
      ) : (
        <>
          <Table aria-label={t('project.logs')} variant="compact" aria-busy={list.loading}>
            <Thead>
              <Tr>
                <Th>{t('logs.time')}</Th>
                <Th>{t('logs.user')}</Th>
                <Th>{t('logs.resource')}</Th>
                <Th visibility={['hidden', 'visibleOnMd']}>{t('logs.resourceType')}</Th>
                <Th>{t('logs.operation')}</Th>
                <Th visibility={['hidden', 'visibleOnMd']}>{t('logs.result')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {list.items.map((log) => (
                <Tr key={log.id}>
                  <Td dataLabel={t('logs.time')}>{formatTime(log.op_time, i18n.language)}</Td>
                  <Td dataLabel={t('logs.user')}>{log.username}</Td>
                  <Td dataLabel={t('logs.resource')} className="berth-break">
                    {log.resource}
                  </Td>
                  <Td dataLabel={t('logs.resourceType')} visibility={['hidden', 'visibleOnMd']}>
                    {log.resource_type}
                  </Td>
                  <Td dataLabel={t('logs.operation')}>{log.operation}</Td>
                  <Td dataLabel={t('logs.result')} visibility={['hidden', 'visibleOnMd']}>
                    {log.result && (
                      <Label isCompact color={log.result === 'success' ? 'green' : 'red'}>
                        {log.result}
                      </Label>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <ListPagination list={list} />
        </>
      )}
    </>
  );
}
