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
}

const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const ProjectsPage = lazy(() => import('../pages/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('../pages/project/ProjectPage'));
const RepositoryPage = lazy(() => import('../pages/repository/RepositoryPage'));
const PasswordPage = lazy(() => import('../pages/password/PasswordPage'));

export const routes: PageRoute[] = [
  { path: '/login', page: LoginPage, public: true },
  { path: '/projects', page: ProjectsPage },
  { path: '/projects/:project', page: ProjectPage },
  { path: '/projects/:project/:tab', page: ProjectPage },
  // the Repositories tab itself: without this row the repository route below takes it, with an empty name
  { path: '/projects/:project/repositories', page: ProjectPage },
  // a repository name may contain slashes: the rest of the path is the name
  { path: '/projects/:project/repositories/*', page: RepositoryPage },
  { path: '/account/password', page: PasswordPage },
];

/** Links to pages, built in one place so that names are encoded the same way everywhere. */
export const links = {
  projects: () => '/projects',
  project: (project: string, tab?: string) => `/projects/${encodeURIComponent(project)}${tab ? `/${tab}` : ''}`,
  repository: (project: string, repository: string) =>
    `/projects/${encodeURIComponent(project)}/repositories/${repository.split('/').map(encodeURIComponent).join('/')}`,
  password: () => '/account/password',
  login: (next?: string) => (next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
};
