import { V2 } from './berth';
import { api } from './client';

/** Harbor's GeneralInfo as core answers it; the fields after with_notary only to a signed-in caller. */
export interface SystemInfo {
  auth_mode?: string;
  primary_auth_mode?: boolean;
  self_registration?: boolean;
  harbor_version?: string;
  with_notary?: boolean;
  external_url?: string;
  registry_url?: string;
  project_creation_restriction?: string;
  has_ca_root?: boolean;
  read_only?: boolean;
  registry_storage_provider_name?: string;
  with_chartmuseum?: boolean;
  notification_enable?: boolean;
  current_time?: string;
}

/** Harbor's Statistic, over the projects the caller may see; the storage used only for a system administrator. */
export interface Statistics {
  private_project_count?: number;
  private_repo_count?: number;
  public_project_count?: number;
  public_repo_count?: number;
  total_project_count?: number;
  total_repo_count?: number;
  total_storage_consumption?: number;
}

/** Harbor's OverallHealthStatus: a component is healthy, or unhealthy with its error. */
export interface Health {
  status: string;
  components: { name: string; status: string; error?: string }[];
}

export const system = {
  info: () => api.get<SystemInfo>(`${V2}/systeminfo`),
  statistics: () => api.get<Statistics>(`${V2}/statistics`),
  health: () => api.get<Health>(`${V2}/health`),
};
