import { V2 } from './berth';
import { api } from './client';
import { fetchPage, type PageRequest } from './paging';

/** Harbor's group_type: 1 LDAP (known by its DN), 2 HTTP (auth proxy), 3 OIDC (groups claim). */
export const GROUP_TYPES = [1, 2, 3] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** Harbor's UserGroup. */
export interface UserGroup {
  id: number;
  group_name: string;
  group_type: GroupType;
  ldap_group_dn?: string;
}

/** POST /usergroups: an LDAP group by its DN (the name, when left out, is the directory's), others by name. */
export interface UserGroupCreation {
  group_name?: string;
  group_type: GroupType;
  ldap_group_dn?: string;
}

/** /api/v2.0/usergroups: system administrators manage groups; anyone logged in searches them by name. */
export const userGroups = {
  list: (page: PageRequest, name: string) => fetchPage<UserGroup>(api, `${V2}/usergroups`, page, { group_name: name.trim() || undefined }),
  /** For a project's members: groups whose name contains the text (first page). */
  search: async (name: string) =>
    (await fetchPage<Omit<UserGroup, 'ldap_group_dn'>>(api, `${V2}/usergroups/search`, { page: 1, pageSize: 20 }, { groupname: name.trim() })).items,
  create: (group: UserGroupCreation) => api.post(`${V2}/usergroups`, group),
  /** Only the name changes (Harbor's update). */
  rename: (id: number, name: string) => api.put(`${V2}/usergroups/${id}`, { group_name: name }),
  /** Ends the group's project memberships too. */
  remove: (id: number) => api.delete(`${V2}/usergroups/${id}`),
};
