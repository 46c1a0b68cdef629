import { V2 } from './berth';
import { api } from './client';

/** One key of GET /configurations: its value, and whether the API may change it (false: pinned in berth.yaml). */
export interface ConfigEntry {
  value: string | number | boolean;
  editable: boolean;
}

/** GET /configurations: every key Berth acts on; secrets are never in it. */
export type Configurations = Record<string, ConfigEntry>;

/** PUT /configurations: the keys to change; the whole body is refused (400) when one key is. */
export type ConfigChanges = Record<string, string | number | boolean>;

/** Harbor's {success, message} of POST /ldap/ping: a bind as the stored search account. */
export interface LdapPing {
  success: boolean;
  message?: string;
}

/** /api/v2.0/configurations and /ldap/ping, for system administrators. */
export const configurations = {
  get: () => api.get<Configurations>(`${V2}/configurations`),
  update: (changes: ConfigChanges) => api.put(`${V2}/configurations`, changes),
  /** Tries the stored LDAP settings (not the form's): Berth's ping takes no body. */
  pingLdap: async () => (await api.post<LdapPing>(`${V2}/ldap/ping`)).data,
};
