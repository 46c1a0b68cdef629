import { V2 } from './berth';
import { api, type ApiClient } from './client';
import { fetchPage, type PageRequest } from './paging';

/** Harbor's tag retention API (/retentions, docs/retention.md), with Berth's regex selectors beside doublestar. */
export type SelectorKind = 'doublestar' | 'regex';

export interface RetentionSelector {
  kind: SelectorKind;
  decoration: string;
  pattern: string;
  /** JSON text: {"untagged":true} makes untagged artifacts candidates of the rule. */
  extras?: string;
}

export interface RetentionRule {
  id?: number;
  priority?: number;
  disabled: boolean;
  action: 'retain';
  template: string;
  params: Record<string, number>;
  tag_selectors: RetentionSelector[];
  scope_selectors: { repository: RetentionSelector[] };
}

export interface RetentionPolicy {
  id?: number;
  algorithm: 'or';
  rules: RetentionRule[];
  trigger: { kind: 'Schedule'; settings: { cron: string }; references: Record<string, never> };
  scope: { level: 'project'; ref: number };
}

/** GET /retentions/metadatas: the rule templates and their parameter. */
export interface RetentionMetadata {
  templates: { rule_template: string; display_text: string; action: string; params: { type: string; unit: string; required: boolean }[] }[];
}

export interface RetentionExecution {
  id: number;
  policy_id: number;
  start_time?: string;
  end_time?: string;
  status: string;
  trigger: string;
  dry_run: boolean;
}

export interface RetentionTask {
  id: number;
  execution_id: number;
  repository: string;
  status: string;
  start_time?: string;
  end_time?: string;
  total: number;
  retained: number;
}

export function retentionApi(client: ApiClient) {
  const base = `${V2}/retentions`;
  return {
    metadatas: () => client.get<RetentionMetadata>(`${base}/metadatas`),
    get: (id: number) => client.get<RetentionPolicy>(`${base}/${id}`),
    /** The new policy's id, from its Location. */
    create: async (policy: RetentionPolicy) => {
      const location = (await client.post(base, policy)).headers.get('Location') ?? '';
      return Number(location.substring(location.lastIndexOf('/') + 1));
    },
    update: (id: number, policy: RetentionPolicy) => client.put(`${base}/${id}`, policy),
    run: (id: number, dryRun: boolean) => client.post(`${base}/${id}/executions`, { dry_run: dryRun }),
    stop: (id: number, executionId: number) => client.patch(`${base}/${id}/executions/${executionId}`, { action: 'stop' }),
    executions: (id: number, page: PageRequest) => fetchPage<RetentionExecution>(client, `${base}/${id}/executions`, page),
    tasks: (id: number, executionId: number) =>
      fetchPage<RetentionTask>(client, `${base}/${id}/executions/${executionId}/tasks`, { page: 1, pageSize: 100 }),
    log: (id: number, executionId: number, taskId: number) => client.text(`${base}/${id}/executions/${executionId}/tasks/${taskId}`),
  };
}

export const retention = retentionApi(api);
