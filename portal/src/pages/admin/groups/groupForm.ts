import type { GroupType, UserGroupCreation } from '../../../api/userGroups';

export interface GroupForm {
  type: GroupType;
  name: string;
  dn: string;
}

/**
 * What is missing before a new group can be sent (an i18n key), or null: an LDAP group needs its DN (the name may
 * be left to the directory), an HTTP or OIDC group its name. The API checks the rest (a DN the directory lacks).
 */
export function groupProblem(form: GroupForm): string | null {
  if (form.type === 1) {
    return form.dn.trim() === '' ? 'adminGroups.dnRequired' : null;
  }
  return form.name.trim() === '' ? 'adminGroups.nameRequired' : null;
}

/** The POST body: only the fields of the group's type (the API refuses a DN on a non-LDAP group). */
export function groupCreation(form: GroupForm): UserGroupCreation {
  const name = form.name.trim();
  return form.type === 1
    ? { group_type: 1, ldap_group_dn: form.dn.trim(), ...(name ? { group_name: name } : {}) }
    : { group_type: form.type, group_name: name };
}
