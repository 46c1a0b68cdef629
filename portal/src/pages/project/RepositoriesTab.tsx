import { EmptyState, EmptyStateBody, Button } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { repositories } from '../../api/berth';
import type { Repository } from '../../api/types';
import { links } from '../../app/routes';
import { CommandBlock } from '../../components/CommandBlock';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../lib/format';
import { currentLocation, pushCommands } from '../../lib/pullCommands';
import { isProxyCache, proxyPullCommands } from '../projects/proxyCache';
import type { ProjectContext } from './ProjectPage';

/** The repository name without its project, as the repository page's link wants it. */
export function withoutProject(project: string, fullName: string): string {
  return fullName.startsWith(`${project}/`) ? fullName.slice(project.length + 1) : fullName;
}

/** GET /api/v2.0/projects/{name}/repositories?q=name=~…&page=&page_size= */
export function RepositoriesTab({ project }: ProjectContext) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Repository>((page, search) => repositories.list(project.name, page, search), `repositories:${project.name}`);
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <>
      <ListToolbar list={list} searchLabel={t('repositories.search')} />
      <ErrorAlert error={list.error} />
      {empty && list.search && (
        <EmptyState titleText={t('repositories.noMatchTitle')} headingLevel="h2">
          <EmptyStateBody>
            <Button variant="link" onClick={() => list.setSearch('')}>
              {t('common.clearSearch')}
            </Button>
          </EmptyStateBody>
        </EmptyState>
      )}
      {empty && !list.search && (
        <EmptyState titleText={t('repositories.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>
            {isProxyCache(project) ? t('proxyCache.emptyBody') : t('repositories.emptyBody')}
            {isProxyCache(project) ? (
              <CommandBlock lines={proxyPullCommands(currentLocation().host, project.name)} label={t('proxyCache.copyPull')} />
            ) : (
              <CommandBlock lines={pushCommands(currentLocation(), project.name)} label={t('repositories.copyPush')} />
            )}
          </EmptyStateBody>
        </EmptyState>
      )}
      {!empty && (
        <>
          <Table aria-label={t('project.repositories')} variant="compact" aria-busy={list.loading}>
            <Thead>
              <Tr>
                <Th>{t('repositories.name')}</Th>
                <Th>{t('repositories.artifacts')}</Th>
                <Th>{t('repositories.pulls')}</Th>
                <Th visibility={['hidden', 'visibleOnMd']}>{t('repositories.updated')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {list.items.map((r) => (
                <Tr key={r.id}>
                  <Td dataLabel={t('repositories.name')}>
                    <Link to={links.repository(project.name, withoutProject(project.name, r.name))}>{r.name}</Link>
                  </Td>
                  <Td dataLabel={t('repositories.artifacts')}>{r.artifact_count}</Td>
                  <Td dataLabel={t('repositories.pulls')}>{r.pull_count}</Td>
                  <Td dataLabel={t('repositories.updated')} visibility={['hidden', 'visibleOnMd']}>
                    {formatTime(r.update_time ?? r.creation_time, i18n.language)}
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
