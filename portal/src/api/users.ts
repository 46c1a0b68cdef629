import { V2 } from './berth';
import { api } from './client';
import { fetchPage, fuzzyQuery, type PageRequest } from './paging';

/** Harbor's UserResp as core-service answers it (GET /users, a system administrator's list). */
export interface AdminUser {
  user_id: number;
  username: string;
  email?: string;
  realname?: string;
  comment?: string;
  sysadmin_flag: boolean;
  creation_time?: string;
  update_time?: string;
}

/** Harbor's UserCreationReq. */
export interface UserCreation {
  username: string;
  email?: string;
  realname?: string;
  password: string;
  comment?: string;
}

/** /api/v2.0/users: core's user API, for system administrators (database authentication). */
export const users = {
  /** q=username=~…: a part of the name, in any case; by name. */
  list: (page: PageRequest, search: string) => fetchPage<AdminUser>(api, `${V2}/users`, page, { q: fuzzyQuery('username', search) }),
  create: (user: UserCreation) => api.post(`${V2}/users`, user),
  /** Harbor's UserSysAdminFlag. */
  setSysadmin: (id: number, sysadmin: boolean) => api.put(`${V2}/users/${id}/sysadmin`, { sysadmin_flag: sysadmin }),
  /** A system administrator sets someone else's password without the old one (core asks it of everyone for their own). */
  resetPassword: (id: number, newPassword: string) => api.put(`${V2}/users/${id}/password`, { new_password: newPassword }),
  remove: (id: number) => api.delete(`${V2}/users/${id}`),
};
