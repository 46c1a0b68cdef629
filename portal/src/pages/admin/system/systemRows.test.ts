import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import { ROW_KEYS, componentRows, generalRows, statisticsRows } from './systemRows';

/** GET /systeminfo as core answers a signed-in caller (SystemResource). */
const info = {
  auth_mode: 'db_auth',
  primary_auth_mode: false,
  self_registration: false,
  harbor_version: 'berth-0.1.0',
  with_notary: false,
  external_url: 'https://berth.example:8443',
  registry_url: 'berth.example:8443',
  project_creation_restriction: 'everyone',
  has_ca_root: false,
  read_only: false,
  registry_storage_provider_name: 'filesystem',
  with_chartmuseum: false,
  notification_enable: false,
  current_time: '2026-12-07T07:30:00Z',
};

const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);

describe('the system information', () => {
  it('shows what core returns, with known values translated', () => {
    expect(generalRows(info)).toEqual([
      { term: 'adminSystem.version', value: { kind: 'text', text: 'berth-0.1.0' } },
      { term: 'adminSystem.authMode', value: { kind: 'key', key: 'adminSystem.authModes.db_auth' } },
      { term: 'adminSystem.externalUrl', value: { kind: 'text', text: 'https://berth.example:8443' } },
      { term: 'adminSystem.registryUrl', value: { kind: 'text', text: 'berth.example:8443' } },
      { term: 'adminSystem.storage', value: { kind: 'key', key: 'adminSystem.storages.filesystem' } },
      { term: 'adminSystem.projectCreation', value: { kind: 'key', key: 'adminSystem.creation.everyone' } },
      { term: 'adminSystem.selfRegistration', value: { kind: 'yesNo', value: false } },
      { term: 'adminSystem.readOnly', value: { kind: 'yesNo', value: false } },
      { term: 'adminSystem.caRoot', value: { kind: 'yesNo', value: false } },
      { term: 'adminSystem.notifications', value: { kind: 'yesNo', value: false } },
      { term: 'adminSystem.serverTime', value: { kind: 'time', iso: '2026-12-07T07:30:00Z' } },
    ]);
  });
  it('shows an unknown value as core sent it, and leaves out what core did not send', () => {
    expect(generalRows({ auth_mode: 'magic_auth', registry_storage_provider_name: 'azure' })).toEqual([
      { term: 'adminSystem.authMode', value: { kind: 'text', text: 'magic_auth' } },
      { term: 'adminSystem.storage', value: { kind: 'text', text: 'azure' } },
    ]);
    expect(generalRows({})).toEqual([]);
  });
  it('counts projects and repositories, and the storage only when core tells it', () => {
    const s = { private_project_count: 2, private_repo_count: 5, public_project_count: 1, public_repo_count: 0, total_project_count: 3, total_repo_count: 5 };
    expect(statisticsRows(s).map((r) => [r.term, r.value])).toEqual([
      ['adminSystem.projects', { kind: 'count', value: 3 }],
      ['adminSystem.publicProjects', { kind: 'count', value: 1 }],
      ['adminSystem.privateProjects', { kind: 'count', value: 2 }],
      ['adminSystem.repositories', { kind: 'count', value: 5 }],
      ['adminSystem.publicRepositories', { kind: 'count', value: 0 }],
      ['adminSystem.privateRepositories', { kind: 'count', value: 5 }],
    ]);
    expect(statisticsRows({ ...s, total_storage_consumption: 0 }).at(-1)).toEqual({ term: 'adminSystem.storageUsed', value: { kind: 'bytes', value: 0 } });
  });
  it('lists each component\'s health with its error', () => {
    expect(
      componentRows({
        status: 'unhealthy',
        components: [
          { name: 'core', status: 'healthy' },
          { name: 'redis', status: 'unhealthy', error: 'connection refused' },
          { name: 'scanner', status: 'healthy' },
        ],
      }),
    ).toEqual([
      { key: 'adminSystem.components.core', name: 'core', healthy: true, error: '' },
      { key: 'adminSystem.components.redis', name: 'redis', healthy: false, error: 'connection refused' },
      { key: null, name: 'scanner', healthy: true, error: '' },
    ]);
  });
  it('names only keys both languages have', () => {
    const terms = [...generalRows(info), ...statisticsRows({ total_project_count: 1, public_project_count: 1, private_project_count: 0, total_repo_count: 0, public_repo_count: 0, private_repo_count: 0, total_storage_consumption: 1 })].map((r) => r.term);
    for (const key of [...terms, ...ROW_KEYS]) {
      expect(typeof lookup(en, key), key).toBe('string');
      expect(typeof lookup(zhCN, key), key).toBe('string');
    }
  });
});
