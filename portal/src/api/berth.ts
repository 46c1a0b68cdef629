import { api } from './client';
import { fetchPage, fuzzyQuery, type PageRequest } from './paging';
import type {
  Accessory,
  Artifact,
  AuditLog,
  BuildStep,
  CreatedRobot,
  LabelItem,
  Layer,
  Member,
  Project,
  ProjectSummary,
  Quota,
  Repository,
  Robot,
  RobotPermission,
  Statistics,
  User,
} from './types';

/**
 * The endpoints of the console's user pages. Administration areas keep theirs in a module of their own
 * beside this one (src/api/<area>.ts), built on the same client and paging helpers.
 */
export const V2 = '/api/v2.0';

/** A path segment; a repository name (without its project) is encoded twice, as Harbor's API wants. */
const seg = encodeURIComponent;
export const repoSeg = (repository: string) => encodeURIComponent(encodeURIComponent(repository));

export const session = {
  async login(principal: string, password: string): Promise<void> {
    await api.request('POST', '/c/login', { form: { principal, password } });
  },
  async logout(): Promise<void> {
    await api.request('GET', '/c/log_out');
    api.setCsrfToken(null);
  },
  current: () => api.get<User>(`${V2}/users/current`),
  changePassword: (userId: number, oldPassword: string, newPassword: string) =>
    api.put(`${V2}/users/${userId}/password`, { old_password: oldPassword, new_password: newPassword }),
};

export const projects = {
  list: (page: PageRequest, search: string) => fetchPage<Project>(api, `${V2}/projects`, page, { q: fuzzyQuery('name', search) }),
  get: (name: string) => api.get<Project>(`${V2}/projects/${seg(name)}`, { headers: { 'X-Is-Resource-Name': 'true' } }),
  summary: (name: string) =>
    api.get<ProjectSummary>(`${V2}/projects/${seg(name)}/summary`, { headers: { 'X-Is-Resource-Name': 'true' } }),
  /**
   * storageLimit: bytes, -1 unlimited (system administrators only, as in Harbor); undefined: the system's default.
   * registryId: the upstream endpoint of a proxy-cache project (for its whole life); undefined: an ordinary project.
   */
  create: (name: string, isPublic: boolean, storageLimit?: number, registryId?: number) =>
    api.post(`${V2}/projects`, {
      project_name: name,
      metadata: { public: String(isPublic) },
      storage_limit: storageLimit,
      registry_id: registryId,
    }),
  remove: (name: string) => api.request('DELETE', `${V2}/projects/${seg(name)}`, { headers: { 'X-Is-Resource-Name': 'true' } }),
  /** Changes the project's metadata (only the keys given); core refuses what Berth does not act on. */
  updateMetadata: (name: string, metadata: Record<string, string>) =>
    api.request('PUT', `${V2}/projects/${seg(name)}`, { headers: { 'X-Is-Resource-Name': 'true' }, json: { metadata } }),
  logs: (name: string, page: PageRequest, search: string) =>
    fetchPage<AuditLog>(api, `${V2}/projects/${seg(name)}/logs`, page, { q: fuzzyQuery('username', search) }),
};

export const system = {
  statistics: () => api.get<Statistics>(`${V2}/statistics`),
  /** The projects using the most storage (system administrators only). */
  largestProjects: (count: number) =>
    api.get<Quota[]>(`${V2}/quotas`, { query: { sort: '-used.storage', page: 1, page_size: count } }),
};

export const repositories = {
  list: (project: string, page: PageRequest, search: string) =>
    fetchPage<Repository>(api, `${V2}/projects/${seg(project)}/repositories`, page, { q: fuzzyQuery('name', search) }),
  get: (project: string, repository: string) =>
    api.get<Repository>(`${V2}/projects/${seg(project)}/repositories/${repoSeg(repository)}`),
};

const artifactsPath = (project: string, repository: string) =>
  `${V2}/projects/${seg(project)}/repositories/${repoSeg(repository)}/artifacts`;

export const artifacts = {
  list: (project: string, repository: string, page: PageRequest, tagSearch: string) =>
    fetchPage<Artifact>(api, artifactsPath(project, repository), page, {
      with_tag: 'true',
      with_accessory: 'true',
      with_scan_overview: 'true',
      with_sbom_overview: 'true',
      q: fuzzyQuery('tags', tagSearch),
    }),
  remove: (project: string, repository: string, digest: string) =>
    api.delete(`${artifactsPath(project, repository)}/${seg(digest)}`),
  addTag: (project: string, repository: string, digest: string, tag: string) =>
    api.post(`${artifactsPath(project, repository)}/${seg(digest)}/tags`, { name: tag }),
  removeTag: (project: string, repository: string, digest: string, tag: string) =>
    api.delete(`${artifactsPath(project, repository)}/${seg(digest)}/tags/${seg(tag)}`),
  accessories: (project: string, repository: string, digest: string, page: PageRequest) =>
    fetchPage<Accessory>(api, `${artifactsPath(project, repository)}/${seg(digest)}/accessories`, page, {}),
  layers: (project: string, repository: string, digest: string) =>
    api.get<Layer[]>(`${artifactsPath(project, repository)}/${seg(digest)}/additions/layers`),
  buildHistory: (project: string, repository: string, digest: string) =>
    api.get<BuildStep[]>(`${artifactsPath(project, repository)}/${seg(digest)}/additions/build_history`),
  addLabel: (project: string, repository: string, digest: string, labelId: number) =>
    api.post(`${artifactsPath(project, repository)}/${seg(digest)}/labels`, { id: labelId }),
  removeLabel: (project: string, repository: string, digest: string, labelId: number) =>
    api.delete(`${artifactsPath(project, repository)}/${seg(digest)}/labels/${labelId}`),
};

export const labels = {
  /** The labels an artifact of the project may carry: the global ones and the project's own (first 100 of each). */
  async forProject(projectId: number): Promise<LabelItem[]> {
    const [global, own] = await Promise.all([
      api.get<LabelItem[]>(`${V2}/labels`, { query: { scope: 'g', page_size: 100 } }),
      api.get<LabelItem[]>(`${V2}/labels`, { query: { scope: 'p', project_id: projectId, page_size: 100 } }),
    ]);
    return [...global, ...own];
  },
};

const membersPath = (project: string) => `${V2}/projects/${seg(project)}/members`;
const byName = { headers: { 'X-Is-Resource-Name': 'true' } };

export const members = {
  list: (project: string, page: PageRequest, search: string) =>
    fetchPage<Member>(api, membersPath(project), page, { entityname: search.trim() || undefined }),
  add: (project: string, username: string, roleId: number) =>
    api.request('POST', membersPath(project), { ...byName, json: { role_id: roleId, member_user: { username } } }),
  /** A user group (by its id) as a member: its users have the role while their membership is current. */
  addGroup: (project: string, groupId: number, roleId: number) =>
    api.request('POST', membersPath(project), { ...byName, json: { role_id: roleId, member_group: { id: groupId } } }),
  changeRole: (project: string, memberId: number, roleId: number) =>
    api.request('PUT', `${membersPath(project)}/${memberId}`, { ...byName, json: { role_id: roleId } }),
  remove: (project: string, memberId: number) => api.request('DELETE', `${membersPath(project)}/${memberId}`, byName),
};

export const robots = {
  list: (projectId: number, page: PageRequest) =>
    fetchPage<Robot>(api, `${V2}/robots`, page, { q: `Level=project,ProjectID=${projectId}` }),
  create: async (request: { name: string; description: string; duration: number; permissions: RobotPermission[] }) =>
    (await api.post<CreatedRobot>(`${V2}/robots`, { ...request, level: 'project', disable: false })).data,
  update: (robot: Robot, change: Partial<Robot>) => api.put(`${V2}/robots/${robot.id}`, { ...robot, ...change }),
  refreshSecret: (id: number) => api.patch<{ secret: string }>(`${V2}/robots/${id}`, {}),
  remove: (id: number) => api.delete(`${V2}/robots/${id}`),
};
