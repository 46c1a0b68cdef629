import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The routing table: a page is one folder under src/pages and one (or a few) rows here. Each page is
 * its own chunk, loaded when its route is first visited. Rows marked public render without the shell
 * and without a session.
 */
export interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  public?: boolean;
  /** System administrators only: the page is left out of others' navigation and refused to them. */
  admin?: boolean;
}

/** An entry of the Administration group in the navigation (system administrators only). */
export interface AdminNavEntry {
  id: string;
  /** i18n key of the label. */
  label: string;
  to: string;
  /** Other paths of the same page (its other tabs), where the entry shows as current too. */
  also?: string[];
}

const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const HomePage = lazy(() => import('../pages/home/HomePage'));
const ProjectsPage = lazy(() => import('../pages/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('../pages/project/ProjectPage'));
const RepositoryPage = lazy(() => import('../pages/repository/RepositoryPage'));
const PasswordPage = lazy(() => import('../pages/password/PasswordPage'));
// Administration: one folder under src/pages/admin per page
const AdminUsersPage = lazy(() => import('../pages/admin/users/UsersPage'));
const AdminRegistriesPage = lazy(() => import('../pages/admin/registries/RegistriesPage'));
const AdminLabelsPage = lazy(() => import('../pages/admin/labels/LabelsPage'));
const AdminSystemPage = lazy(() => import('../pages/admin/system/SystemPage'));
const ReplicationPage = lazy(() => import('../pages/admin/replication/ReplicationPage'));
const ExecutionPage = lazy(() => import('../pages/admin/replication/ExecutionPage'));
const JobsPage = lazy(() => import('../pages/admin/jobs/JobsPage'));
const AuditLogsPage = lazy(() => import('../pages/admin/audit-logs/AuditLogsPage'));
const CleanupPage = lazy(() => import('../pages/admin/cleanup/CleanupPage'));
const QuotasPage = lazy(() => import('../pages/admin/quotas/QuotasPage'));
const ConfigurationPage = lazy(() => import('../pages/admin/configuration/ConfigurationPage'));
const GroupsPage = lazy(() => import('../pages/admin/groups/GroupsPage'));
const InterrogationPage = lazy(() => import('../pages/admin/interrogation/InterrogationPage'));
const SecurityHubPage = lazy(() => import('../pages/security/SecurityHubPage'));

export const routes: PageRoute[] = [
  { path: '/login', page: LoginPage, public: true },
  { path: '/home', page: HomePage },
  { path: '/projects', page: ProjectsPage },
  { path: '/projects/:project', page: ProjectPage },
  { path: '/projects/:project/:tab', page: ProjectPage },
  // the Repositories tab itself: without this row the repository route below takes it, with an empty name
  { path: '/projects/:project/repositories', page: ProjectPage },
  // a repository name may contain slashes: the rest of the path is the name
  { path: '/projects/:project/repositories/*', page: RepositoryPage },
  { path: '/account/password', page: PasswordPage },
  // Administration (admin: true)
  { path: '/admin/users', page: AdminUsersPage, admin: true },
  { path: '/admin/registries', page: AdminRegistriesPage, admin: true },
  { path: '/admin/labels', page: AdminLabelsPage, admin: true },
  { path: '/admin/system', page: AdminSystemPage, admin: true },
  { path: '/admin/replication', page: ReplicationPage, admin: true },
  { path: '/admin/replication/executions', page: ReplicationPage, admin: true },
  { path: '/admin/replication/executions/:id', page: ExecutionPage, admin: true },
  { path: '/admin/jobs', page: JobsPage, admin: true },
  { path: '/admin/audit-logs', page: AuditLogsPage, admin: true },
  { path: '/admin/quotas', page: QuotasPage, admin: true },
  { path: '/admin/configuration', page: ConfigurationPage, admin: true },
  { path: '/admin/groups', page: GroupsPage, admin: true },
  { path: '/admin/configuration/system-settings', page: ConfigurationPage, admin: true },
  // Clean up: one page, a tab per path
  { path: '/admin/gc', page: CleanupPage, admin: true },
  { path: '/admin/log-rotation', page: CleanupPage, admin: true },
  { path: '/admin/scrub', page: CleanupPage, admin: true },
  // Interrogation services: one page, a tab per path; and the security hub
  { path: '/admin/scanners', page: InterrogationPage, admin: true },
  { path: '/admin/vulnerability', page: InterrogationPage, admin: true },
  { path: '/admin/security-hub', page: SecurityHubPage, admin: true },
];

/** The Administration group of the navigation, in its order; each entry's page has admin routes above. */
export const adminNav: AdminNavEntry[] = [
  { id: 'admin-users', label: 'adminUsers.title', to: '/admin/users' },
  { id: 'admin-groups', label: 'adminGroups.title', to: '/admin/groups' },
  { id: 'admin-registries', label: 'adminRegistries.title', to: '/admin/registries' },
  { id: 'replication', label: 'adminReplication.nav', to: '/admin/replication' },
  { id: 'admin-labels', label: 'adminLabels.title', to: '/admin/labels' },
  { id: 'audit-logs', label: 'adminAuditLogs.nav', to: '/admin/audit-logs' },
  { id: 'quotas', label: 'adminQuotas.title', to: '/admin/quotas' },
  { id: 'cleanup', label: 'cleanup.title', to: '/admin/gc', also: ['/admin/log-rotation', '/admin/scrub'] },
  { id: 'interrogation', label: 'adminScanners.pageTitle', to: '/admin/scanners', also: ['/admin/vulnerability'] },
  { id: 'security-hub', label: 'securityHub.title', to: '/admin/security-hub' },
  { id: 'jobs', label: 'adminJobs.nav', to: '/admin/jobs' },
  { id: 'admin-configuration', label: 'configAuth.title', to: '/admin/configuration', also: ['/admin/configuration/system-settings'] },
  { id: 'admin-system', label: 'adminSystem.title', to: '/admin/system' },
];

/** Links to pages, built in one place so that names are encoded the same way everywhere. */
export const links = {
  home: () => '/home',
  projects: () => '/projects',
  project: (project: string, tab?: string) => `/projects/${encodeURIComponent(project)}${tab ? `/${tab}` : ''}`,
  repository: (project: string, repository: string) =>
    `/projects/${encodeURIComponent(project)}/repositories/${repository.split('/').map(encodeURIComponent).join('/')}`,
  password: () => '/account/password',
  admin: (page: string, ...rest: (string | number)[]) =>
    `/admin/${page}${rest.map((r) => `/${encodeURIComponent(String(r))}`).join('')}`,
  login: (next?: string) => (next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
};
