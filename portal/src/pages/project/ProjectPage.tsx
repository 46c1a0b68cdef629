import { lazy, Suspense, useEffect, useState } from 'react';
import {
  Breadcrumb,
  BreadcrumbItem,
  Bullseye,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  PageSection,
  Spinner,
  Tab,
  TabTitleText,
  Tabs,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { projects } from '../../api/berth';
import { ApiError } from '../../api/errors';
import type { Project } from '../../api/types';
import { useAuth } from '../../app/auth';
import { links } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/permissions';
import { AccessLabel } from '../projects/ProjectsPage';
import { ProxyCacheLabel } from '../projects/ProxyCacheLabel';
import { ConfigurationTab } from './ConfigurationTab';
import { ImmutabilityTab } from './ImmutabilityTab';
import { LogsTab } from './LogsTab';
import { MembersTab } from './MembersTab';
import { RepositoriesTab } from './RepositoriesTab';
import { RobotsTab } from './RobotsTab';
import { SummaryTab } from './SummaryTab';

/** Lazy: only project administrators see it, and it brings its dialogs. */
const WebhooksTab = lazy(() => import('./webhooks/WebhooksTab'));
const RetentionTab = lazy(() => import('./retention/RetentionTab'));
const TrustedKeysTab = lazy(() => import('./trusted-keys/TrustedKeysTab'));
const ScannerTab = lazy(() => import('../scan/ProjectScannerTab'));

const TABS = ['summary', 'repositories', 'members', 'robots', 'immutability', 'retention', 'webhooks', 'logs', 'scanner', 'configuration', 'trusted-keys'] as const;
type TabKey = (typeof TABS)[number];

export interface ProjectContext {
  project: Project;
  /** Whether the caller may do this in the project (buttons only: the API decides). */
  may: (action: Parameters<typeof can>[2]) => boolean;
  reloadProject: () => void;
}

/** GET /api/v2.0/projects/{name} (X-Is-Resource-Name), and a tab per part of the project. */
export default function ProjectPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const params = useParams();
  const name = params.project ?? '';
  // /projects/:project/repositories has a route row of its own (see routes.tsx), without a :tab parameter
  const location = useLocation();
  const tabName = params.tab ?? (location.pathname.endsWith('/repositories') ? 'repositories' : undefined);
  const tab: TabKey = TABS.includes(tabName as TabKey) ? (tabName as TabKey) : 'summary';
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    projects.get(name).then(
      (p) => !cancelled && setProject(p),
      (e) => !cancelled && (setError(e), setProject(null)),
    );
    return () => {
      cancelled = true;
    };
  }, [name, reloads]);

  if (error) {
    return (
      <PageSection>
        {error instanceof ApiError && error.status === 404 ? (
          <EmptyState titleText={t('project.notFound', { name })} headingLevel="h1">
            <EmptyStateBody>
              <Link to={links.projects()}>{t('notFound.toProjects')}</Link>
            </EmptyStateBody>
          </EmptyState>
        ) : (
          <ErrorAlert error={error} />
        )}
      </PageSection>
    );
  }
  if (!project || project.name !== name) {
    return (
      <Bullseye>
        <Spinner aria-label={t('common.loading')} />
      </Bullseye>
    );
  }
  const context: ProjectContext = {
    project,
    may: (action) => can(!!user?.sysadmin_flag, project.current_user_role_id, action),
    reloadProject: () => setReloads((n) => n + 1),
  };
  // a tab the caller may not see (a shared link) falls back to the summary
  const activeTab: TabKey =
    (tab === 'webhooks' && !context.may('manageWebhooks')) || (tab === 'retention' && !context.may('readRetention')) || (tab === 'scanner' && !context.may('readScanner'))
      ? 'summary'
      : tab;
  return (
    <>
      <PageSection>
        <Breadcrumb className="pf-v6-u-mb-sm">
          <BreadcrumbItem render={() => <Link to={links.projects()}>{t('nav.projects')}</Link>} />
          <BreadcrumbItem isActive>{project.name}</BreadcrumbItem>
        </Breadcrumb>
        <Flex alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>
            <Title headingLevel="h1">{project.name}</Title>
          </FlexItem>
          <FlexItem>
            <AccessLabel isPublic={project.metadata?.public === 'true'} />
          </FlexItem>
          <FlexItem>
            <ProxyCacheLabel project={project} />
          </FlexItem>
        </Flex>
      </PageSection>
      <PageSection type="tabs">
        <Tabs
          activeKey={activeTab}
          onSelect={(_e, key) => navigate(links.project(name, key === 'summary' ? undefined : String(key)))}
          aria-label={t('project.tabs')}
          mountOnEnter
          unmountOnExit
          usePageInsets
        >
          <Tab eventKey="summary" title={<TabTitleText>{t('project.summary')}</TabTitleText>}>
            <PageSection>
              <SummaryTab {...context} />
            </PageSection>
          </Tab>
          <Tab eventKey="repositories" title={<TabTitleText>{t('project.repositories')}</TabTitleText>}>
            <PageSection>
              <RepositoriesTab {...context} />
            </PageSection>
          </Tab>
          <Tab eventKey="members" title={<TabTitleText>{t('project.members')}</TabTitleText>}>
            <PageSection>
              <MembersTab {...context} />
            </PageSection>
          </Tab>
          <Tab eventKey="robots" title={<TabTitleText>{t('project.robots')}</TabTitleText>}>
            <PageSection>
              <RobotsTab {...context} />
            </PageSection>
          </Tab>
          <Tab eventKey="immutability" title={<TabTitleText>{t('project.immutability')}</TabTitleText>}>
            <PageSection>
              <ImmutabilityTab {...context} />
            </PageSection>
          </Tab>
          {context.may('readRetention') && (
            <Tab eventKey="retention" title={<TabTitleText>{t('project.retention')}</TabTitleText>} data-testid="project-tab-retention">
              <PageSection>
                <Suspense
                  fallback={
                    <Bullseye>
                      <Spinner aria-label={t('common.loading')} />
                    </Bullseye>
                  }
                >
                  <RetentionTab {...context} />
                </Suspense>
              </PageSection>
            </Tab>
          )}
          {context.may('manageWebhooks') && (
            <Tab eventKey="webhooks" title={<TabTitleText>{t('project.webhooks')}</TabTitleText>} data-testid="project-tab-webhooks">
              <PageSection>
                <Suspense
                  fallback={
                    <Bullseye>
                      <Spinner aria-label={t('common.loading')} />
                    </Bullseye>
                  }
                >
                  <WebhooksTab {...context} />
                </Suspense>
              </PageSection>
            </Tab>
          )}
          {context.may('readLogs') && (
            <Tab eventKey="logs" title={<TabTitleText>{t('project.logs')}</TabTitleText>}>
              <PageSection>
                <LogsTab {...context} />
              </PageSection>
            </Tab>
          )}
          {context.may('readScanner') && (
            <Tab eventKey="scanner" title={<TabTitleText>{t('projectScanner.tab')}</TabTitleText>} data-testid="project-tab-scanner">
              <PageSection>
                <Suspense fallback={<Spinner size="lg" aria-label={t('common.loading')} />}>
                  <ScannerTab {...context} />
                </Suspense>
              </PageSection>
            </Tab>
          )}
          <Tab eventKey="configuration" title={<TabTitleText>{t('project.configuration')}</TabTitleText>}>
            <PageSection>
              <ConfigurationTab {...context} />
            </PageSection>
          </Tab>
          <Tab eventKey="trusted-keys" title={<TabTitleText>{t('trustedKeys.title')}</TabTitleText>} data-testid="project-tab-trusted-keys">
            <PageSection>
              <Suspense
                fallback={
                  <Bullseye>
                    <Spinner aria-label={t('common.loading')} />
                  </Bullseye>
                }
              >
                <TrustedKeysTab {...context} />
              </Suspense>
            </PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}
