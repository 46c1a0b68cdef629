import type { Decoration, PolicyFilter, PolicyRequest, ReplicationPolicy, TriggerType } from '../../../api/replication';

/**
 * The policy dialog's fields and how they map to and from Harbor's policy, as core-service accepts it
 * (PolicyService): exactly one of src_registry (pull) and dest_registry (push) set, filters name and tag
 * (globs), label (a list of label names) and resource (image or artifact), each matching or excluding;
 * triggers manual, scheduled (six-field cron, UTC) or event_based (push only). Filters the form has no
 * field for (a second name filter sent through the API) are kept as they are.
 */
export type Mode = 'push' | 'pull';

export interface PolicyForm {
  name: string;
  description: string;
  mode: Mode;
  /** The remote registry's id, as text; '' when none is chosen yet. */
  registryId: string;
  nameFilter: string;
  nameDecoration: Decoration;
  tagFilter: string;
  tagDecoration: Decoration;
  /** Label names, separated by commas. */
  labelFilter: string;
  labelDecoration: Decoration;
  /** '' for every kind of artifact. */
  resource: '' | 'image' | 'artifact';
  destNamespace: string;
  /** dest_namespace_replace_count: how many leading path components the destination namespace replaces. */
  flattening: string;
  trigger: TriggerType;
  cron: string;
  deletion: boolean;
  override: boolean;
  enabled: boolean;
  /** KB/s per task; '' or 0 for unlimited. */
  speed: string;
  copyByChunk: boolean;
  /** Filters the form does not show, sent back unchanged. */
  otherFilters: PolicyFilter[];
}

/**
 * The flattening choices. Berth's jobservice reads -1 (the API's default) as 1, so Harbor's "flatten
 * all levels" does not exist here and is not offered.
 */
export const FLATTENING = ['0', '1', '2', '3'] as const;

export function emptyForm(): PolicyForm {
  return {
    name: '',
    description: '',
    mode: 'push',
    registryId: '',
    nameFilter: '',
    nameDecoration: 'matches',
    tagFilter: '',
    tagDecoration: 'matches',
    labelFilter: '',
    labelDecoration: 'matches',
    resource: '',
    destNamespace: '',
    flattening: '1',
    trigger: 'manual',
    cron: '',
    deletion: false,
    override: true,
    enabled: true,
    speed: '',
    copyByChunk: false,
    otherFilters: [],
  };
}

const decoration = (f: PolicyFilter): Decoration => (f.decoration === 'excludes' ? 'excludes' : 'matches');

/** The form showing a stored policy. */
export function formOf(policy: ReplicationPolicy): PolicyForm {
  const form = emptyForm();
  const pull = !!policy.src_registry && policy.src_registry.id !== 0;
  const remote = pull ? policy.src_registry : policy.dest_registry;
  const seen = new Set<string>();
  for (const f of policy.filters ?? []) {
    const first = !seen.has(f.type);
    seen.add(f.type);
    if (first && (f.type === 'name' || f.type === 'tag') && typeof f.value === 'string') {
      form[`${f.type}Filter`] = f.value;
      form[`${f.type}Decoration`] = decoration(f);
    } else if (first && f.type === 'label' && Array.isArray(f.value)) {
      form.labelFilter = f.value.join(', ');
      form.labelDecoration = decoration(f);
    } else if (first && f.type === 'resource' && (f.value === 'image' || f.value === 'artifact')) {
      form.resource = f.value;
    } else {
      form.otherFilters.push(f);
    }
  }
  const count = policy.dest_namespace_replace_count;
  return {
    ...form,
    name: policy.name,
    description: policy.description ?? '',
    mode: pull ? 'pull' : 'push',
    registryId: remote && remote.id ? String(remote.id) : '',
    destNamespace: policy.dest_namespace ?? '',
    flattening: count === undefined || count === null || count < 0 ? '1' : String(count),
    trigger: policy.trigger?.type ?? 'manual',
    cron: policy.trigger?.trigger_settings?.cron ?? '',
    deletion: !!(policy.replicate_deletion || policy.deletion),
    override: !!policy.override,
    enabled: !!policy.enabled,
    speed: policy.speed > 0 ? String(policy.speed) : '',
    copyByChunk: !!policy.copy_by_chunk,
  };
}

/** Label names from the field: split on commas, trimmed, without empties or repeats. */
export function labelNames(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

export function filtersOf(form: PolicyForm): PolicyFilter[] {
  const filters: PolicyFilter[] = [];
  if (form.nameFilter.trim()) {
    filters.push({ type: 'name', value: form.nameFilter.trim(), decoration: form.nameDecoration });
  }
  if (form.tagFilter.trim()) {
    filters.push({ type: 'tag', value: form.tagFilter.trim(), decoration: form.tagDecoration });
  }
  const labels = labelNames(form.labelFilter);
  if (labels.length > 0) {
    filters.push({ type: 'label', value: labels, decoration: form.labelDecoration });
  }
  if (form.resource) {
    filters.push({ type: 'resource', value: form.resource });
  }
  return [...filters, ...form.otherFilters];
}

/** The whole policy POST or PUT sends. Call only when problems() found none. */
export function policyOf(form: PolicyForm): PolicyRequest {
  const remote = { id: Number(form.registryId) };
  const namespace = form.destNamespace.trim();
  return {
    name: form.name.trim(),
    description: form.description,
    src_registry: form.mode === 'pull' ? remote : null,
    dest_registry: form.mode === 'push' ? remote : null,
    dest_namespace: namespace === '' ? null : namespace,
    dest_namespace_replace_count: Number(form.flattening),
    trigger:
      form.trigger === 'scheduled'
        ? { type: 'scheduled', trigger_settings: { cron: form.cron.trim() } }
        : { type: form.trigger, trigger_settings: null },
    filters: filtersOf(form),
    // deletions are replicated as they happen: only an event-based policy sees them
    replicate_deletion: form.trigger === 'event_based' && form.deletion,
    override: form.override,
    enabled: form.enabled,
    speed: form.speed.trim() === '' ? 0 : Number(form.speed.trim()),
    copy_by_chunk: form.copyByChunk,
  };
}

export type PolicyField = 'name' | 'registryId' | 'trigger' | 'cron' | 'speed' | 'labelFilter';

/** What is wrong with each field (an i18n key), as the user types; an empty object when the form can be sent. */
export function problems(form: PolicyForm): Partial<Record<PolicyField, string>> {
  const found: Partial<Record<PolicyField, string>> = {};
  if (form.name.trim() === '') {
    found.name = 'validation.required';
  }
  if (!/^[1-9]\d*$/.test(form.registryId)) {
    found.registryId = 'adminReplication.problems.registry';
  }
  if (form.trigger === 'event_based' && form.mode === 'pull') {
    found.trigger = 'adminReplication.problems.eventPull';
  }
  if (form.trigger === 'scheduled') {
    const fields = form.cron.trim() === '' ? 0 : form.cron.trim().split(/\s+/).length;
    if (fields === 0) {
      found.cron = 'validation.required';
    } else if (fields !== 6) {
      found.cron = 'adminReplication.problems.cronFields';
    }
  }
  if (form.speed.trim() !== '' && !/^\d{1,9}$/.test(form.speed.trim())) {
    found.speed = 'adminReplication.problems.speed';
  }
  if (form.labelFilter.trim() !== '' && labelNames(form.labelFilter).length === 0) {
    found.labelFilter = 'adminReplication.problems.labels';
  }
  return found;
}
