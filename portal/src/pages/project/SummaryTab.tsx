import { useEffect, useState } from 'react';
import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { projects } from '../../api/berth';
import type { ProjectSummary } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QuotaBar } from '../../components/QuotaBar';
import { formatTime } from '../../lib/format';
import { AccessLabel } from '../projects/ProjectsPage';
import type { ProjectContext } from './ProjectPage';

/** GET /api/v2.0/projects/{name}/summary: counts, members per role, storage used against the project's limit. */
export function SummaryTab({ project }: ProjectContext) {
  const { t, i18n } = useTranslation();
  const [summary, setSummary] = useState<ProjectSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    projects.summary(project.name).then(setSummary, setError);
  }, [project.name]);

  const roles: [string, number | undefined][] = summary
    ? [
        ['projectAdmin', summary.project_admin_count],
        ['maintainer', summary.maintainer_count],
        ['developer', summary.developer_count],
        ['guest', summary.guest_count],
        ['limitedGuest', summary.limited_guest_count],
      ]
    : [];
  return (
    <>
      <ErrorAlert error={error} />
      <DescriptionList isHorizontal aria-label={t('project.summary')}>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('projects.access')}</DescriptionListTerm>
          <DescriptionListDescription>
            <AccessLabel isPublic={project.metadata?.public === 'true'} />
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('summary.owner')}</DescriptionListTerm>
          <DescriptionListDescription>{project.owner_name ?? ''}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('projects.created')}</DescriptionListTerm>
          <DescriptionListDescription>{formatTime(project.creation_time, i18n.language)}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('projects.repositories')}</DescriptionListTerm>
          <DescriptionListDescription>{summary?.repo_count ?? project.repo_count}</DescriptionListDescription>
        </DescriptionListGroup>
        {summary && (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('summary.storage')}</DescriptionListTerm>
            <DescriptionListDescription>
              <QuotaBar used={summary.quota?.used?.storage ?? 0} hard={summary.quota?.hard?.storage} label={t('quota.usageOf', { name: project.name })} />
            </DescriptionListDescription>
          </DescriptionListGroup>
        )}
        {roles.map(([role, count]) => (
          <DescriptionListGroup key={role}>
            <DescriptionListTerm>{t('summary.membersWithRole', { role: t(`roles.${role}`) })}</DescriptionListTerm>
            <DescriptionListDescription>{count ?? 0}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
    </>
  );
}
