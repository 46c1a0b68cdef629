import { V2 } from './berth';
import { api } from './client';
import { fetchPage, fuzzyQuery, type PageOf, type PageRequest } from './paging';

/**
 * Replication, as core-service implements Harbor's API (system administrators only):
 * /replication/policies, /replication/executions (+ tasks and their logs), and /registries for the
 * endpoint a policy pushes to or pulls from. Field names are Harbor's (snake case).
 */

/** A registry a policy names; id 0 (name "Local") is this Berth. */
export interface RegistryRef {
  id: number;
  name?: string | null;
}

export type FilterType = 'name' | 'tag' | 'label' | 'resource';
export type Decoration = 'matches' | 'excludes';

/** Harbor's filter: name and tag take a glob, label a list of label names, resource image or artifact. */
export interface PolicyFilter {
  type: string;
  value: string | string[];
  decoration?: Decoration | null;
}

export type TriggerType = 'manual' | 'scheduled' | 'event_based';

export interface PolicyTrigger {
  type: TriggerType;
  trigger_settings?: { cron?: string | null } | null;
}

/** What POST and PUT send: the whole policy (a field left out takes its default). */
export interface PolicyRequest {
  name: string;
  description: string;
  src_registry?: RegistryRef | null;
  dest_registry?: RegistryRef | null;
  dest_namespace?: string | null;
  dest_namespace_replace_count: number;
  trigger: PolicyTrigger;
  filters: PolicyFilter[];
  replicate_deletion: boolean;
  override: boolean;
  enabled: boolean;
  speed: number;
  copy_by_chunk: boolean;
}

export interface ReplicationPolicy extends PolicyRequest {
  id: number;
  deletion?: boolean;
  creation_time?: string;
  update_time?: string;
}

/** Harbor's words for execution and task states, as core answers them. */
export type ReplicationStatus = 'Pending' | 'InProgress' | 'Succeed' | 'Failed' | 'Stopped';
export const STATUSES: ReplicationStatus[] = ['Pending', 'InProgress', 'Succeed', 'Failed', 'Stopped'];
export const EXECUTION_TRIGGERS: TriggerType[] = ['manual', 'scheduled', 'event_based'];

export interface Execution {
  id: number;
  policy_id: number;
  status: ReplicationStatus | null;
  status_text?: string | null;
  trigger: string;
  start_time?: string | null;
  end_time?: string | null;
  total: number;
  failed: number;
  succeed: number;
  in_progress: number;
  stopped: number;
  bytes?: number;
}

export interface ExecutionTask {
  id: number;
  execution_id: number;
  resource_type: string;
  src_resource: string;
  dst_resource: string;
  operation: string;
  status: ReplicationStatus | null;
  status_text?: string | null;
  attempts: number;
  bytes?: number;
  start_time?: string | null;
  end_time?: string | null;
}

/** A registry endpoint, as the picker needs it. */
export interface RegistryEndpoint {
  id: number;
  name: string;
  type: string;
  url: string;
}

const POLICIES = `${V2}/replication/policies`;
const EXECUTIONS = `${V2}/replication/executions`;

/** The id at the end of a Location header (…/executions/42), or null. */
export function idFromLocation(location: string | null): number | null {
  const match = /\/(\d+)\/?$/.exec(location ?? '');
  return match ? Number(match[1]) : null;
}

export const policies = {
  list: (page: PageRequest, search: string) => fetchPage<ReplicationPolicy>(api, POLICIES, page, { q: fuzzyQuery('name', search) }),
  get: (id: number) => api.get<ReplicationPolicy>(`${POLICIES}/${id}`),
  create: (policy: PolicyRequest) => api.post(POLICIES, policy),
  update: (id: number, policy: PolicyRequest) => api.put(`${POLICIES}/${id}`, policy),
  remove: (id: number) => api.delete(`${POLICIES}/${id}`),
};

export interface ExecutionFilter {
  policyId?: number;
  status?: string;
  trigger?: string;
}

export const executions = {
  list: (page: PageRequest, filter: ExecutionFilter = {}) =>
    fetchPage<Execution>(api, EXECUTIONS, page, {
      policy_id: filter.policyId === undefined ? undefined : String(filter.policyId),
      status: filter.status || undefined,
      trigger: filter.trigger || undefined,
    }),
  /** The policy's newest execution, or null. */
  latest: async (policyId: number): Promise<Execution | null> =>
    (await executions.list({ page: 1, pageSize: 1 }, { policyId })).items[0] ?? null,
  get: (id: number) => api.get<Execution>(`${EXECUTIONS}/${id}`),
  /** Runs an enabled policy now: the new execution's id (from the Location header). */
  start: async (policyId: number): Promise<number | null> =>
    idFromLocation((await api.post(EXECUTIONS, { policy_id: policyId })).headers.get('Location')),
  /** Harbor stops an execution with a PUT on it. */
  stop: (id: number) => api.put(`${EXECUTIONS}/${id}`, {}),
  tasks: (id: number, page: PageRequest, status?: string) =>
    fetchPage<ExecutionTask>(api, `${EXECUTIONS}/${id}/tasks`, page, { status: status || undefined }),
  taskLog: (id: number, taskId: number) => api.text(`${EXECUTIONS}/${id}/tasks/${taskId}/log`),
};

/** Pages of GET /registries read for the endpoint picker: at most this many registries. */
export const REGISTRY_CHOICES_MAX = 1000;

/** Every registry endpoint (up to REGISTRY_CHOICES_MAX), by name, for a policy's picker. */
export async function registryChoices(): Promise<PageOf<RegistryEndpoint>> {
  const items: RegistryEndpoint[] = [];
  let total = 0;
  for (let page = 1; items.length < REGISTRY_CHOICES_MAX; page++) {
    const result = await fetchPage<RegistryEndpoint>(api, `${V2}/registries`, { page, pageSize: 100 });
    items.push(...result.items);
    total = result.total;
    if (result.items.length < 100 || items.length >= total) {
      break;
    }
  }
  return { items, total };
}
