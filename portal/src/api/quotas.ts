import { V2 } from './berth';
import { api, type ApiClient } from './client';
import { fetchPage, type PageRequest } from './paging';
import type { Quota } from './types';

/** Harbor's sort keys of /quotas; a leading '-' sorts descending. */
export type QuotaSort = '' | 'used.storage' | '-used.storage' | 'hard.storage' | '-hard.storage';

/**
 * Harbor's /api/v2.0/quotas (system administrators): one quota per project, its hard storage limit in bytes
 * (-1 unlimited) and the storage it uses. A quota's id is its project's.
 */
export function quotasApi(client: ApiClient) {
  return {
    list: (page: PageRequest, sort: QuotaSort) =>
      fetchPage<Quota>(client, `${V2}/quotas`, page, { reference: 'project', sort: sort || undefined }),
    /** The quota of one project (null when core has none for it). */
    ofProject: async (projectId: number): Promise<Quota | null> => {
      const found = await client.get<Quota[]>(`${V2}/quotas`, { query: { reference: 'project', reference_id: projectId } });
      return Array.isArray(found) && found.length > 0 ? found[0] : null;
    },
    get: (id: number) => client.get<Quota>(`${V2}/quotas/${id}`),
    /** Sets the hard storage limit: bytes, or -1 (UNLIMITED) for none. */
    setStorageLimit: (id: number, bytes: number) => client.put(`${V2}/quotas/${id}`, { hard: { storage: bytes } }),
  };
}

export const quotas = quotasApi(api);
