import { V2 } from './berth';
import { api, type ApiClient } from './client';
import { fetchPage, type PageRequest } from './paging';

/** Harbor's webhook policies of a project (/projects/{p}/webhook), with Berth's signing secret (docs/webhooks.md). */
export type NotifyType = 'http' | 'slack';

export interface WebhookTarget {
  type: NotifyType;
  address: string;
  auth_header?: string | null;
  skip_cert_verify?: boolean | null;
  payload_format?: string | null;
}

export interface WebhookPolicy {
  id?: number;
  name: string;
  description?: string;
  project_id?: number;
  targets: WebhookTarget[];
  event_types: string[];
  creator?: string;
  creation_time?: string;
  update_time?: string;
  enabled: boolean;
  /** Only in the answer to a create: the signing secret, shown this once. */
  secret?: string;
}

/** GET /events: the event types Berth sends, the notify types, and each one's payload formats. */
export interface WebhookEvents {
  event_type: string[];
  notify_type: NotifyType[];
  payload_formats: { notify_type: NotifyType; formats: string[] }[];
}

/** GET /lasttrigger: one row per policy and subscribed event type. */
export interface WebhookLastTrigger {
  policy_name: string;
  event_type: string;
  enabled: boolean;
  creation_time?: string;
  last_trigger_time?: string | null;
}

/** Harbor's Execution: one per event delivered. */
export interface WebhookExecution {
  id: number;
  status: string;
  trigger?: string;
  start_time?: string;
  end_time?: string;
  metrics?: Record<string, number> | null;
  extra_attrs?: { event_type?: string; event_id?: string } & Record<string, unknown>;
}

/** Harbor's Task: one per target of an execution. */
export interface WebhookTask {
  id: number;
  execution_id?: number;
  status: string;
  run_count?: number;
  start_time?: string;
  end_time?: string;
  extra_attrs?: { address?: string; payload_format?: string } & Record<string, unknown>;
}

export function webhooksApi(client: ApiClient) {
  /** By the project's id: no name can be mistaken for one. */
  const base = (projectId: number) => `${V2}/projects/${projectId}/webhook`;
  const policy = (projectId: number, id: number) => `${base(projectId)}/policies/${id}`;
  return {
    list: (projectId: number, page: PageRequest) => fetchPage<WebhookPolicy>(client, `${base(projectId)}/policies`, page),
    /** The created policy, with its secret. */
    create: async (projectId: number, p: WebhookPolicy) => (await client.post<WebhookPolicy>(`${base(projectId)}/policies`, p)).data,
    update: (projectId: number, id: number, p: Partial<WebhookPolicy>) => client.put(policy(projectId, id), p),
    setEnabled: (projectId: number, id: number, enabled: boolean) => client.put(policy(projectId, id), { enabled }),
    remove: (projectId: number, id: number) => client.delete(policy(projectId, id)),
    events: (projectId: number) => client.get<WebhookEvents>(`${base(projectId)}/events`),
    lastTriggers: async (projectId: number) => (await client.get<WebhookLastTrigger[] | null>(`${base(projectId)}/lasttrigger`)) ?? [],
    executions: (projectId: number, id: number, page: PageRequest) => fetchPage<WebhookExecution>(client, `${policy(projectId, id)}/executions`, page),
    tasks: (projectId: number, id: number, executionId: number) =>
      fetchPage<WebhookTask>(client, `${policy(projectId, id)}/executions/${executionId}/tasks`, { page: 1, pageSize: 100 }),
    log: (projectId: number, id: number, executionId: number, taskId: number) =>
      client.text(`${policy(projectId, id)}/executions/${executionId}/tasks/${taskId}/log`),
  };
}

export const webhooks = webhooksApi(api);

/** The latest trigger of a policy, over its event types (null: never triggered). */
export function lastTriggerOf(name: string, rows: WebhookLastTrigger[]): string | null {
  let latest: string | null = null;
  for (const r of rows) {
    if (r.policy_name === name && r.last_trigger_time && (!latest || Date.parse(r.last_trigger_time) > Date.parse(latest))) {
      latest = r.last_trigger_time;
    }
  }
  return latest;
}
