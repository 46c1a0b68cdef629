import { describe, expect, it } from 'vitest';
import { idFromLocation, STATUSES, type ReplicationPolicy } from '../../../api/replication';
import en from '../../../i18n/en.json';
import { emptyForm, FLATTENING, filtersOf, formOf, labelNames, policyOf, problems, type PolicyForm } from './policyForm';
import { isRunning, progressOf, statusKey, triggerKey } from './progress';

const valid = (change: Partial<PolicyForm> = {}): PolicyForm => ({ ...emptyForm(), name: 'to-dist', registryId: '3', ...change });

const stored: ReplicationPolicy = {
  id: 7,
  name: 'from-dist',
  description: 'vendor tools',
  src_registry: { id: 3, name: 'dist' },
  dest_registry: { id: 0, name: 'Local' },
  dest_namespace: 'pulled',
  dest_namespace_replace_count: 2,
  trigger: { type: 'scheduled', trigger_settings: { cron: '0 0 * * * *' } },
  filters: [
    { type: 'name', value: 'vendor/**', decoration: 'matches' },
    { type: 'tag', value: 'rc*', decoration: 'excludes' },
    { type: 'label', value: ['prod', 'signed'] },
    { type: 'resource', value: 'image' },
    { type: 'name', value: 'second/*' },
  ],
  replicate_deletion: false,
  deletion: false,
  override: false,
  enabled: true,
  speed: 512,
  copy_by_chunk: true,
};

describe('the policy form', () => {
  it('makes a push policy to the chosen registry with Harbor\'s field names', () => {
    const policy = policyOf(valid({ nameFilter: ' library/** ', tagFilter: 'v*', destNamespace: 'mirror' }));
    expect(policy).toEqual({
      name: 'to-dist',
      description: '',
      src_registry: null,
      dest_registry: { id: 3 },
      dest_namespace: 'mirror',
      dest_namespace_replace_count: 1,
      trigger: { type: 'manual', trigger_settings: null },
      filters: [
        { type: 'name', value: 'library/**', decoration: 'matches' },
        { type: 'tag', value: 'v*', decoration: 'matches' },
      ],
      replicate_deletion: false,
      override: true,
      enabled: true,
      speed: 0,
      copy_by_chunk: false,
    });
  });

  it('makes a pull policy from the registry, into this Berth', () => {
    const policy = policyOf(valid({ mode: 'pull' }));
    expect(policy.src_registry).toEqual({ id: 3 });
    expect(policy.dest_registry).toBeNull();
    expect(policy.dest_namespace).toBeNull();
  });

  it('sends a schedule\'s cron, and deletions only for an event-based policy', () => {
    expect(policyOf(valid({ trigger: 'scheduled', cron: ' 0 */5 * * * * ', deletion: true }))).toMatchObject({
      trigger: { type: 'scheduled', trigger_settings: { cron: '0 */5 * * * *' } },
      replicate_deletion: false,
    });
    expect(policyOf(valid({ trigger: 'event_based', deletion: true })).replicate_deletion).toBe(true);
  });

  it('shows a stored policy and sends it back as it was', () => {
    const form = formOf(stored);
    expect(form).toMatchObject({
      mode: 'pull',
      registryId: '3',
      nameFilter: 'vendor/**',
      tagFilter: 'rc*',
      tagDecoration: 'excludes',
      labelFilter: 'prod, signed',
      labelDecoration: 'matches',
      resource: 'image',
      flattening: '2',
      trigger: 'scheduled',
      cron: '0 0 * * * *',
      speed: '512',
      override: false,
      copyByChunk: true,
    });
    const { id: _id, deletion: _deletion, ...request } = stored;
    expect(policyOf(form)).toEqual({
      ...request,
      src_registry: { id: 3 },
      dest_registry: null,
      filters: [
        { type: 'name', value: 'vendor/**', decoration: 'matches' },
        { type: 'tag', value: 'rc*', decoration: 'excludes' },
        { type: 'label', value: ['prod', 'signed'], decoration: 'matches' },
        { type: 'resource', value: 'image' },
        { type: 'name', value: 'second/*' },
      ],
    });
  });

  it('reads the API\'s defaults: -1 flattening as one level, a push policy to the registry', () => {
    const form = formOf({ ...stored, src_registry: { id: 0, name: 'Local' }, dest_registry: { id: 4 }, dest_namespace_replace_count: -1, filters: [], speed: 0 });
    expect(form).toMatchObject({ mode: 'push', registryId: '4', flattening: '1', speed: '', otherFilters: [] });
  });

  it('splits label names on commas', () => {
    expect(labelNames(' prod ,, signed,prod ')).toEqual(['prod', 'signed']);
    expect(filtersOf(valid({ labelFilter: 'a', labelDecoration: 'excludes', resource: 'artifact' }))).toEqual([
      { type: 'label', value: ['a'], decoration: 'excludes' },
      { type: 'resource', value: 'artifact' },
    ]);
  });

  it('says what is wrong as the user types', () => {
    expect(problems(valid())).toEqual({});
    expect(problems(emptyForm())).toEqual({ name: 'validation.required', registryId: 'adminReplication.problems.registry' });
    expect(problems(valid({ mode: 'pull', trigger: 'event_based' }))).toEqual({ trigger: 'adminReplication.problems.eventPull' });
    expect(problems(valid({ trigger: 'scheduled' }))).toEqual({ cron: 'validation.required' });
    expect(problems(valid({ trigger: 'scheduled', cron: '0 * * * *' }))).toEqual({ cron: 'adminReplication.problems.cronFields' });
    expect(problems(valid({ trigger: 'scheduled', cron: '0 0 * * * *' }))).toEqual({});
    expect(problems(valid({ speed: '-1' }))).toEqual({ speed: 'adminReplication.problems.speed' });
    expect(problems(valid({ speed: '1024' }))).toEqual({});
    expect(problems(valid({ labelFilter: ' , ' }))).toEqual({ labelFilter: 'adminReplication.problems.labels' });
  });
});

describe('an execution\'s progress', () => {
  const execution = { status: 'InProgress' as const, total: 4, succeed: 1, failed: 1, stopped: 0, in_progress: 2 };

  it('counts the tasks that have ended out of the total', () => {
    expect(progressOf(execution)).toEqual({ total: 4, succeed: 1, failed: 1, stopped: 0, inProgress: 2, done: 2, percent: 50, variant: 'danger' });
  });

  it('is full and green when it succeeded, even with nothing to copy', () => {
    expect(progressOf({ ...execution, status: 'Succeed', succeed: 4, failed: 0, in_progress: 0 })).toMatchObject({ percent: 100, variant: 'success' });
    expect(progressOf({ ...execution, status: 'Succeed', total: 0, succeed: 0, failed: 0, in_progress: 0 })).toMatchObject({ percent: 100, total: 0 });
  });

  it('is empty while the tasks are being planned', () => {
    expect(progressOf({ ...execution, status: 'Pending', total: 0, succeed: 0, failed: 0, in_progress: 0 })).toMatchObject({ percent: 0, variant: undefined });
  });

  it('warns when stopped and never goes past the tasks it knows of', () => {
    expect(progressOf({ ...execution, status: 'Stopped', total: 1, succeed: 1, failed: 0, stopped: 2, in_progress: 0 })).toMatchObject({
      total: 3,
      percent: 100,
      variant: 'warning',
    });
  });

  it('is polled while pending or in progress only', () => {
    expect(STATUSES.filter(isRunning)).toEqual(['Pending', 'InProgress']);
  });
});

describe('names of states and triggers', () => {
  const keys = en as unknown as {
    adminReplication: { status: Record<string, string>; trigger: Record<string, string>; flatten: Record<string, string> };
  };
  it('exist for every status and trigger the API answers', () => {
    for (const s of [...STATUSES, null, 'Weird']) {
      expect(keys.adminReplication.status[statusKey(s).split('.').pop()!]).toBeTruthy();
    }
    for (const tr of ['manual', 'scheduled', 'event_based', 'other']) {
      expect(keys.adminReplication.trigger[triggerKey(tr).split('.').pop()!]).toBeTruthy();
    }
    expect(keys.adminReplication.status.Succeed).toBe('Succeeded');
    expect(FLATTENING.filter((f) => !keys.adminReplication.flatten[f])).toEqual([]);
  });
  it('come with the new execution\'s id from its Location', () => {
    expect(idFromLocation('/api/v2.0/replication/executions/42')).toBe(42);
    expect(idFromLocation(null)).toBeNull();
  });
});
