import { describe, expect, it } from 'vitest';
import type { Configurations } from '../../../api/configurations';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import { FIELDS, changesOf, editable, formOf, ldapUnsaved, optionsOf, shown } from './configForm';

/** What core answers today (ConfigurationResource), with token_expiration pinned in berth.yaml. */
const stored: Configurations = {
  auth_mode: { value: 'db_auth', editable: true },
  read_only: { value: false, editable: true },
  self_registration: { value: false, editable: true },
  project_creation_restriction: { value: 'everyone', editable: true },
  robot_token_duration: { value: 30, editable: true },
  robot_name_prefix: { value: 'robot$', editable: true },
  token_expiration: { value: 30, editable: false },
  ldap_url: { value: '', editable: true },
  ldap_base_dn: { value: '', editable: true },
  ldap_search_dn: { value: '', editable: true },
  ldap_filter: { value: '', editable: true },
  ldap_uid: { value: 'uid', editable: true },
  ldap_scope: { value: 2, editable: true },
  ldap_timeout: { value: 5, editable: true },
};
const field = (key: string) => FIELDS.find((f) => f.key === key)!;

describe('the authentication form', () => {
  it('sends nothing when nothing changed, and the secret is empty', () => {
    const form = formOf(stored);
    expect(form.ldap_search_password).toBe('');
    expect(changesOf(stored, form)).toEqual({ changes: {}, problems: {} });
  });

  it('sends only the changed keys, each as the API types it', () => {
    const form = { ...formOf(stored), read_only: true, ldap_url: 'ldap://dir:389', ldap_scope: '1', robot_token_duration: ' 7 ' };
    expect(changesOf(stored, form).changes).toEqual({ read_only: true, ldap_url: 'ldap://dir:389', ldap_scope: 1, robot_token_duration: 7 });
  });

  it('sends a secret only when one was typed: left empty, the stored one stays', () => {
    expect(changesOf(stored, { ...formOf(stored), ldap_search_password: 's3cret' }).changes).toEqual({ ldap_search_password: 's3cret' });
  });

  it('never sends a key pinned in berth.yaml, and shows it disabled', () => {
    expect(editable(field('token_expiration'), stored)).toBe(false);
    expect(changesOf(stored, { ...formOf(stored), token_expiration: '99' }).changes).toEqual({});
  });

  it('refuses a number that is not whole instead of sending it', () => {
    for (const bad of ['', '1.5', '-3', 'ten']) {
      const result = changesOf(stored, { ...formOf(stored), ldap_timeout: bad });
      expect(result.problems).toEqual({ ldap_timeout: 'configAuth.wholeNumber' });
      expect(result.changes).toEqual({});
    }
  });

  it('shows only the keys the API has, and the secret with its section', () => {
    const dbOnly: Configurations = { auth_mode: stored.auth_mode, read_only: stored.read_only };
    expect(FIELDS.filter((f) => shown(f, dbOnly)).map((f) => f.key)).toEqual(['auth_mode', 'read_only']);
    expect(shown(field('ldap_search_password'), stored)).toBe(true);
  });

  it('offers the auth modes whose settings the API has', () => {
    expect(optionsOf(field('auth_mode'), stored)).toEqual(['db_auth', 'ldap_auth']);
    const withOidc = { ...stored, oidc_endpoint: { value: '', editable: true } };
    expect(optionsOf(field('auth_mode'), withOidc)).toEqual(['db_auth', 'ldap_auth', 'oidc_auth']);
    const foreign = { ...stored, auth_mode: { value: 'uaa_auth', editable: false } };
    expect(optionsOf(field('auth_mode'), foreign)).toContain('uaa_auth');
  });

  it('knows when LDAP changes are not saved yet (the ping tries the stored settings)', () => {
    expect(ldapUnsaved({ read_only: true })).toBe(false);
    expect(ldapUnsaved({ ldap_search_password: 'x' })).toBe(true);
  });
});

describe('the labels of the configuration keys', () => {
  it('exist in both languages, with every select option', () => {
    for (const language of [en, zhCN]) {
      const texts = language.configAuth as { field: Record<string, string>; help: Record<string, string>; option: Record<string, string> };
      expect(FIELDS.filter((f) => !texts.field[f.key]).map((f) => f.key)).toEqual([]);
      expect(FIELDS.filter((f) => f.kind !== 'secret' && !texts.help[f.key]).map((f) => f.key)).toEqual([]);
      const options = [...FIELDS.flatMap((f) => f.options ?? []), 'oidc_auth', 'http_auth'];
      expect(options.filter((o) => !texts.option[o])).toEqual([]);
    }
  });
});
