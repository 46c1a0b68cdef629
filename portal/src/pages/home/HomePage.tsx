import { lazy, Suspense } from 'react';
import {
  Bullseye,
  Card,
  CardBody,
  CardTitle,
  EmptyState,
  EmptyStateBody,
  Gallery,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { projects, system } from '../../api/berth';
import { useAuth } from '../../app/auth';
import { links } from '../../app/routes';
import { CommandBlock } from '../../components/CommandBlock';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLoaded } from '../../components/useLoaded';
import { formatBytes } from '../../lib/format';
import { currentLocation, pushCommands } from '../../lib/pullCommands';
import type { StorageBar } from './StorageChart';

const StorageChart = lazy(() => import('./StorageChart'));
const TOP = 10;

/** Storage per project: an administrator sees the largest projects of all (GET /quotas); a user, the first of theirs (their summaries). */
async function storageBars(sysadmin: boolean): Promise<StorageBar[]> {
  if (sysadmin) {
    return (await system.largestProjects(TOP)).map((q) => ({ project: q.ref.name, bytes: q.used.storage }));
  }
  const mine = await projects.list({ page: 1, pageSize: TOP }, '');
  const summaries = await Promise.all(mine.items.map((p) => projects.summary(p.name)));
  return mine.items
    .map((p, i) => ({ project: p.name, bytes: summaries[i].quota?.used?.storage ?? 0 }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** The landing page: counts of what the user may see, and where the storage goes. */
export default function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const sysadmin = !!user?.sysadmin_flag;
  const statistics = useLoaded(() => system.statistics(), []);
  const bars = useLoaded(() => storageBars(sysadmin), [sysadmin]);
  const cards: [string, number | undefined, string?][] = statistics.data
    ? [
        ['home.projects', statistics.data.total_project_count],
        ['home.publicProjects', statistics.data.public_project_count],
        ['home.privateProjects', statistics.data.private_project_count],
        ['home.repositories', statistics.data.total_repo_count],
        ...(statistics.data.total_storage_consumption !== undefined && statistics.data.total_storage_consumption !== null
          ? [['home.storage', undefined, formatBytes(statistics.data.total_storage_consumption)] as [string, undefined, string]]
          : []),
      ]
    : [];
  const chartTitle = sysadmin ? t('home.largestProjects', { count: TOP }) : t('home.yourProjects', { count: TOP });
  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('home.title')}
      </Title>
      <ErrorAlert error={statistics.error} />
      <Gallery hasGutter minWidths={{ default: '160px' }} className="pf-v6-u-mb-lg">
        {cards.map(([key, count, text]) => (
          <Card key={key} isCompact>
            <CardTitle>{t(key)}</CardTitle>
            <CardBody className="pf-v6-u-font-size-2xl">{text ?? count ?? 0}</CardBody>
          </Card>
        ))}
      </Gallery>
      <Title headingLevel="h2" className="pf-v6-u-mb-sm">
        {chartTitle}
      </Title>
      <ErrorAlert error={bars.error} />
      {bars.loading && (
        <Bullseye>
          <Spinner aria-label={t('common.loading')} />
        </Bullseye>
      )}
      {bars.data && bars.data.length === 0 && (
        <EmptyState titleText={t('home.noProjectsTitle')} headingLevel="h3">
          <EmptyStateBody>
            {t('home.noProjectsBody')} <Link to={links.projects()}>{t('nav.projects')}</Link>
            <CommandBlock lines={pushCommands(currentLocation(), 'library')} label={t('repositories.copyPush')} />
          </EmptyStateBody>
        </EmptyState>
      )}
      {bars.data && bars.data.length > 0 && (
        <>
          <Suspense fallback={<Spinner aria-label={t('common.loading')} />}>
            <StorageChart bars={bars.data} title={chartTitle} description={t('home.chartDescription')} />
          </Suspense>
          <Table aria-label={chartTitle} variant="compact" className="pf-v6-u-mt-md" isStriped>
            <Thead>
              <Tr>
                <Th>{t('home.project')}</Th>
                <Th>{t('summary.storage')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {bars.data.map((b) => (
                <Tr key={b.project}>
                  <Td dataLabel={t('home.project')}>
                    <Link to={links.project(b.project)}>{b.project}</Link>
                  </Td>
                  <Td dataLabel={t('summary.storage')}>{formatBytes(b.bytes)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </PageSection>
  );
}
