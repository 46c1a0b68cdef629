import type { ConfigChanges, Configurations } from '../../../api/configurations';

/**
 * The Authentication settings of Administration → Configuration as a form: which keys it shows, in which
 * section and as what control, and what a PUT of the form sends (only the keys changed). The API checks every
 * value; the form checks only what it must to build the body (a whole number where a number goes).
 */
export type FieldKind = 'boolean' | 'integer' | 'text' | 'secret' | 'select';
export type Section = 'auth' | 'ldap' | 'system';

export interface Field {
  key: string;
  section: Section;
  kind: FieldKind;
  /** A select's values; the label of each is configAuth.option.<value>. */
  options?: string[];
}

export const FIELDS: Field[] = [
  { key: 'auth_mode', section: 'auth', kind: 'select', options: ['db_auth', 'ldap_auth'] },
  { key: 'self_registration', section: 'auth', kind: 'boolean' },
  { key: 'ldap_url', section: 'ldap', kind: 'text' },
  { key: 'ldap_search_dn', section: 'ldap', kind: 'text' },
  { key: 'ldap_search_password', section: 'ldap', kind: 'secret' },
  { key: 'ldap_base_dn', section: 'ldap', kind: 'text' },
  { key: 'ldap_filter', section: 'ldap', kind: 'text' },
  { key: 'ldap_uid', section: 'ldap', kind: 'text' },
  { key: 'ldap_scope', section: 'ldap', kind: 'select', options: ['0', '1', '2'] },
  { key: 'ldap_timeout', section: 'ldap', kind: 'integer' },
  { key: 'ldap_group_base_dn', section: 'ldap', kind: 'text' },
  { key: 'ldap_group_search_filter', section: 'ldap', kind: 'text' },
  { key: 'ldap_group_attribute_name', section: 'ldap', kind: 'text' },
  { key: 'ldap_group_search_scope', section: 'ldap', kind: 'select', options: ['0', '1', '2'] },
  { key: 'ldap_group_membership_attribute', section: 'ldap', kind: 'text' },
  { key: 'ldap_group_admin_dn', section: 'ldap', kind: 'text' },
  { key: 'project_creation_restriction', section: 'system', kind: 'select', options: ['everyone', 'adminonly'] },
  { key: 'read_only', section: 'system', kind: 'boolean' },
  { key: 'token_expiration', section: 'system', kind: 'integer' },
  { key: 'robot_token_duration', section: 'system', kind: 'integer' },
];

/** Auth modes built by other features, offered only once the API has their settings. */
const MODE_NEEDS: Record<string, string> = { oidc_auth: 'oidc_endpoint', http_auth: 'http_authproxy_endpoint' };

/** The form's values: booleans as booleans, everything else as the text in its input. Secrets start empty. */
export type ConfigForm = Record<string, string | boolean>;

/** Secrets are never in GET: a secret is shown when the section's other keys are. */
export function shown(field: Field, stored: Configurations): boolean {
  return field.kind === 'secret' ? FIELDS.some((f) => f.section === field.section && f.kind !== 'secret' && f.key in stored) : field.key in stored;
}

/** Whether the API lets the form change the key (false: pinned in berth.yaml). */
export function editable(field: Field, stored: Configurations): boolean {
  return field.kind === 'secret' ? true : stored[field.key]?.editable !== false;
}

/** The options of a select: the auth modes the API knows of, else the field's own. */
export function optionsOf(field: Field, stored: Configurations): string[] {
  const options = field.options ?? [];
  if (field.key !== 'auth_mode') {
    return options;
  }
  const more = Object.entries(MODE_NEEDS)
    .filter(([, key]) => key in stored)
    .map(([mode]) => mode);
  const current = String(stored.auth_mode?.value ?? '');
  return [...options, ...more, ...(current && !options.includes(current) && !more.includes(current) ? [current] : [])];
}

export function formOf(stored: Configurations): ConfigForm {
  const form: ConfigForm = {};
  for (const field of FIELDS) {
    if (field.kind === 'secret') {
      form[field.key] = '';
    } else if (field.key in stored) {
      const value = stored[field.key].value;
      form[field.key] = field.kind === 'boolean' ? value === true : String(value ?? '');
    }
  }
  return form;
}

export interface Changes {
  changes: ConfigChanges;
  /** Keys whose text is not a whole number, with the i18n key of the problem. */
  problems: Record<string, string>;
}

/**
 * The PUT body: each editable key whose value differs from the stored one, typed as the API wants it; a secret
 * only when something was typed into it (left empty, the stored one stays).
 */
export function changesOf(stored: Configurations, form: ConfigForm, sections?: Section[]): Changes {
  const changes: ConfigChanges = {};
  const problems: Record<string, string> = {};
  for (const field of FIELDS) {
    if ((sections && !sections.includes(field.section)) || !shown(field, stored) || !editable(field, stored) || !(field.key in form)) {
      continue;
    }
    const value = form[field.key];
    if (field.kind === 'secret') {
      if (value !== '') {
        changes[field.key] = String(value);
      }
      continue;
    }
    const before = stored[field.key].value;
    if (field.kind === 'boolean') {
      if (value !== before) {
        changes[field.key] = value === true;
      }
    } else if (field.kind === 'integer' || (field.kind === 'select' && typeof before === 'number')) {
      const text = String(value).trim();
      if (!/^\d+$/.test(text)) {
        problems[field.key] = 'configAuth.wholeNumber';
      } else if (Number(text) !== before) {
        changes[field.key] = Number(text);
      }
    } else if (value !== String(before ?? '')) {
      changes[field.key] = String(value);
    }
  }
  return { changes, problems };
}

/** Whether a change of the LDAP section is not saved yet: the ping tries the stored settings only. */
export function ldapUnsaved(changes: ConfigChanges): boolean {
  return FIELDS.some((f) => f.section === 'ldap' && f.key in changes);
}
