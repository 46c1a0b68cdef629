import type { Health, Statistics, SystemInfo } from '../../../api/system';

/**
 * What the system page shows, as rows of a description list: the term is an i18n key, the value is
 * told how to be shown. Only what core returned becomes a row. with_notary, with_chartmuseum and
 * primary_auth_mode are left out: Harbor's fields that core always answers false.
 */
export type Value =
  | { kind: 'text'; text: string }
  | { kind: 'key'; key: string }
  | { kind: 'yesNo'; value: boolean }
  | { kind: 'count'; value: number }
  | { kind: 'bytes'; value: number }
  | { kind: 'time'; iso: string };

export interface Row {
  term: string;
  value: Value;
}

const AUTH_MODES = ['db_auth', 'ldap_auth', 'oidc_auth', 'uaa_auth', 'http_auth'];
const STORAGE = ['filesystem', 's3'];
const CREATION = ['everyone', 'adminonly'];
const COMPONENTS = ['core', 'database', 'redis', 'registry', 'storage', 'jobservice'];

/** A value core sent that this portal has a translation for, else the value itself. */
function known(value: string, keys: string[], prefix: string): Value {
  return keys.includes(value) ? { kind: 'key', key: `${prefix}.${value}` } : { kind: 'text', text: value };
}

export function generalRows(info: SystemInfo): Row[] {
  const rows: Row[] = [];
  const add = (term: string, value: Value | undefined) => value && rows.push({ term: `adminSystem.${term}`, value });
  const text = (v: string | undefined) => (v ? ({ kind: 'text', text: v } as const) : undefined);
  const yesNo = (v: boolean | undefined) => (typeof v === 'boolean' ? ({ kind: 'yesNo', value: v } as const) : undefined);
  add('version', text(info.harbor_version));
  add('authMode', info.auth_mode ? known(info.auth_mode, AUTH_MODES, 'adminSystem.authModes') : undefined);
  add('externalUrl', text(info.external_url));
  add('registryUrl', text(info.registry_url));
  add('storage', info.registry_storage_provider_name ? known(info.registry_storage_provider_name, STORAGE, 'adminSystem.storages') : undefined);
  add(
    'projectCreation',
    info.project_creation_restriction ? known(info.project_creation_restriction, CREATION, 'adminSystem.creation') : undefined,
  );
  add('selfRegistration', yesNo(info.self_registration));
  add('readOnly', yesNo(info.read_only));
  add('caRoot', yesNo(info.has_ca_root));
  add('notifications', yesNo(info.notification_enable));
  add('serverTime', info.current_time ? { kind: 'time', iso: info.current_time } : undefined);
  return rows;
}

export function statisticsRows(s: Statistics): Row[] {
  const rows: Row[] = [];
  const count = (term: string, v: number | undefined) => typeof v === 'number' && rows.push({ term: `adminSystem.${term}`, value: { kind: 'count', value: v } });
  count('projects', s.total_project_count);
  count('publicProjects', s.public_project_count);
  count('privateProjects', s.private_project_count);
  count('repositories', s.total_repo_count);
  count('publicRepositories', s.public_repo_count);
  count('privateRepositories', s.private_repo_count);
  if (typeof s.total_storage_consumption === 'number') {
    rows.push({ term: 'adminSystem.storageUsed', value: { kind: 'bytes', value: s.total_storage_consumption } });
  }
  return rows;
}

export interface ComponentRow {
  /** An i18n key for a component this portal knows, else null (show the name). */
  key: string | null;
  name: string;
  healthy: boolean;
  error: string;
}

export function componentRows(health: Health): ComponentRow[] {
  return (health.components ?? []).map((c) => ({
    key: COMPONENTS.includes(c.name) ? `adminSystem.components.${c.name}` : null,
    name: c.name,
    healthy: c.status === 'healthy',
    error: c.error ?? '',
  }));
}

/** Every i18n key the rows may name, for the test that both languages have them. */
export const ROW_KEYS = [
  ...AUTH_MODES.map((m) => `adminSystem.authModes.${m}`),
  ...STORAGE.map((m) => `adminSystem.storages.${m}`),
  ...CREATION.map((m) => `adminSystem.creation.${m}`),
  ...COMPONENTS.map((m) => `adminSystem.components.${m}`),
];
