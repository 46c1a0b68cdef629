import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import en from '../../../i18n/en.json';
import type { Configurations } from '../../../api/configurations';
import { SettingsForm } from './SettingsForm';

/** The Authentication tab rendered to HTML by React, in the portal's real i18n. */
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false }, nsSeparator: false });
});

const stored = (mode: string): Configurations => ({
  auth_mode: { value: mode, editable: true },
  self_registration: { value: false, editable: false },
  ldap_url: { value: 'ldap://dir:389', editable: true },
  ldap_search_dn: { value: 'cn=admin,dc=example,dc=com', editable: true },
  ldap_timeout: { value: 5, editable: true },
});
const render = (mode: string) =>
  renderToStaticMarkup(<SettingsForm stored={stored(mode)} sections={['auth', 'ldap']} onSaved={() => {}} onEdit={() => {}} />);

describe('the Authentication tab', () => {
  it('shows a key pinned in berth.yaml disabled, saying so', () => {
    const html = render('db_auth');
    expect(html).toMatch(/<input[^>]*id="config-self-registration"[^>]*disabled/);
    expect(html).toContain('Set in berth.yaml: it cannot be changed here.');
  });

  it('shows the LDAP settings in ldap_auth only, the password empty with "leave empty to keep"', () => {
    expect(render('db_auth')).not.toContain('LDAP URL');
    const html = render('ldap_auth');
    expect(html).toContain('value="ldap://dir:389"');
    expect(html).toMatch(/<input[^>]*type="password"[^>]*value=""/);
    expect(html).toContain('Leave empty to keep the stored one.');
    expect(html).toContain('Test LDAP server');
  });
});
