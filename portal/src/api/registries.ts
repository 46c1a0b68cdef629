import { V2 } from './berth';
import { api } from './client';
import { fetchPage, fuzzyQuery, type PageRequest } from './paging';

/** The types core accepts (RegistryEndpointService.TYPES). */
export const REGISTRY_TYPES = ['berth', 'harbor', 'docker-registry'] as const;
export type RegistryType = (typeof REGISTRY_TYPES)[number];

/** What core answers for a stored secret: the secret itself is never sent back. */
export const SECRET_MASK = '*****';

/** Harbor's Registry as core answers it. Berth has no status: it does not check registries on its own. */
export interface Registry {
  id: number;
  name: string;
  type: string;
  url: string;
  credential?: { type?: string; access_key?: string; access_secret?: string };
  insecure?: boolean;
  description?: string;
  creation_time?: string;
  update_time?: string;
}

/** POST /registries: Harbor's Registry, credentials nested. */
export interface RegistryCreation {
  name: string;
  type: string;
  url: string;
  credential: { type: 'basic'; access_key: string; access_secret: string };
  insecure: boolean;
  description: string;
}

/** PUT /registries/{id}: Harbor's RegistryUpdate, flat; a field left out keeps its value. */
export interface RegistryUpdate {
  name?: string;
  url?: string;
  credential_type?: 'basic';
  access_key?: string;
  access_secret?: string;
  insecure?: boolean;
  description?: string;
}

/** POST /registries/ping: Harbor's RegistryPing, a stored registry (id) with the fields given tried over it, or one in full. */
export interface RegistryPing extends Omit<RegistryUpdate, 'name' | 'description'> {
  id?: number;
  type?: string;
}

/** /api/v2.0/registries: registry endpoints, for system administrators. */
export const registries = {
  /** q=name=~…, by name. */
  list: (page: PageRequest, search: string) => fetchPage<Registry>(api, `${V2}/registries`, page, { q: fuzzyQuery('name', search) }),
  create: (registry: RegistryCreation) => api.post(`${V2}/registries`, registry),
  update: (id: number, change: RegistryUpdate) => api.put(`${V2}/registries/${id}`, change),
  /** 412 with core's message while a replication policy uses the registry. */
  remove: (id: number) => api.delete(`${V2}/registries/${id}`),
  /** 200 when the registry answers as a registry should; else 400 with what went wrong. */
  ping: (request: RegistryPing) => api.post(`${V2}/registries/ping`, request),
};
