import { useState } from 'react';
import {
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Label,
  PageSection,
  Title,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { projects } from '../../api/berth';
import { roleKey, type Project } from '../../api/types';
import { useAuth } from '../../app/auth';
import { links } from '../../app/routes';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { QuotaBar } from '../../components/QuotaBar';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../lib/format';
import { ProxyCacheLabel } from './ProxyCacheLabel';
import { CreateProjectDialog } from './CreateProjectDialog';
import { useStorageLimits } from './useStorageLimits';

/** GET /api/v2.0/projects?q=name=~…&page=&page_size=; create and delete; storage used against each project's limit. */
export default function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Project>((page, search) => projects.list(page, search), 'projects');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Project | null>(null);
  const sysadmin = !!useAuth().user?.sysadmin_flag;
  const limits = useStorageLimits(list.items, sysadmin);

  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('projects.title')}
      </Title>
      <ListToolbar
        list={list}
        searchLabel={t('projects.search')}
        actions={
          <ToolbarItem>
            <Button onClick={() => setCreating(true)}>{t('projects.create')}</Button>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error} />
      {empty ? (
        <EmptyState titleText={list.search ? t('projects.noMatchTitle') : t('projects.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>{list.search ? t('projects.noMatchBody', { search: list.search }) : t('projects.emptyBody')}</EmptyStateBody>
          <EmptyStateFooter>
            <EmptyStateActions>
              {list.search ? (
                <Button variant="link" onClick={() => list.setSearch('')}>
                  {t('common.clearSearch')}
                </Button>
              ) : (
                <Button onClick={() => setCreating(true)}>{t('projects.create')}</Button>
              )}
            </EmptyStateActions>
          </EmptyStateFooter>
        </EmptyState>
      ) : (
        <Table aria-label={t('projects.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('projects.name')}</Th>
              <Th>{t('projects.access')}</Th>
              <Th>{t('projects.role')}</Th>
              <Th>{t('projects.repositories')}</Th>
              <Th visibility={['hidden', 'visibleOnSm']}>{t('summary.storage')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('projects.created')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((p) => {
              const role = roleKey(p.current_user_role_id);
              return (
                <Tr key={p.project_id}>
                  <Td dataLabel={t('projects.name')}>
                    <Link to={links.project(p.name)}>{p.name}</Link> <ProxyCacheLabel project={p} isCompact />
                  </Td>
                  <Td dataLabel={t('projects.access')}>
                    <AccessLabel isPublic={p.metadata?.public === 'true'} />
                  </Td>
                  <Td dataLabel={t('projects.role')}>{role ? t(`roles.${role}`) : t('projects.noRole')}</Td>
                  <Td dataLabel={t('projects.repositories')}>{p.repo_count}</Td>
                  <Td dataLabel={t('summary.storage')} visibility={['hidden', 'visibleOnSm']}>
                    <QuotaBar used={p.storage_used ?? 0} hard={limits.get(p.project_id)} label={t('quota.usageOf', { name: p.name })} />
                  </Td>
                  <Td dataLabel={t('projects.created')} visibility={['hidden', 'visibleOnMd']}>
                    {formatTime(p.creation_time, i18n.language)}
                  </Td>
                  <Td isActionCell>
                    <Button variant="secondary" isDanger size="sm" aria-label={t('projects.deleteNamed', { name: p.name })} onClick={() => setDeleting(p)}>
                      {t('common.delete')}
                    </Button>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {!empty && <ListPagination list={list} />}
      {creating && <CreateProjectDialog sysadmin={sysadmin} onClose={() => setCreating(false)} />}
      {deleting && (
        <ConfirmDialog
          title={t('projects.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await projects.remove(deleting.name);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('projects.deleteBody', { name: deleting.name })}
        </ConfirmDialog>
      )}
    </PageSection>
  );
}

export function AccessLabel({ isPublic }: { isPublic: boolean }) {
  const { t } = useTranslation();
  return isPublic ? <Label color="green">{t('projects.public')}</Label> : <Label color="grey">{t('projects.private')}</Label>;
}
