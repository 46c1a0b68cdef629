import { describe, expect, it } from 'vitest';
import { groupCreation, groupProblem } from './groupForm';

describe('a new user group', () => {
  it('of LDAP needs its DN; its name may be left to the directory', () => {
    expect(groupProblem({ type: 1, name: 'devs', dn: ' ' })).toBe('adminGroups.dnRequired');
    expect(groupProblem({ type: 1, name: '', dn: 'cn=devs,ou=groups,dc=example,dc=com' })).toBeNull();
    expect(groupCreation({ type: 1, name: ' ', dn: ' cn=devs,dc=example ' })).toEqual({ group_type: 1, ldap_group_dn: 'cn=devs,dc=example' });
    expect(groupCreation({ type: 1, name: 'Devs', dn: 'cn=devs' })).toEqual({ group_type: 1, ldap_group_dn: 'cn=devs', group_name: 'Devs' });
  });

  it('of HTTP or OIDC needs its name and is sent without a DN', () => {
    expect(groupProblem({ type: 3, name: '', dn: 'cn=x' })).toBe('adminGroups.nameRequired');
    expect(groupCreation({ type: 3, name: ' ops ', dn: 'cn=left-over' })).toEqual({ group_type: 3, group_name: 'ops' });
    expect(groupCreation({ type: 2, name: 'web', dn: '' })).toEqual({ group_type: 2, group_name: 'web' });
  });
});

describe('the group types', () => {
  it('are named in both languages', async () => {
    const { GROUP_TYPES } = await import('../../../api/userGroups');
    for (const language of [await import('../../../i18n/en.json'), await import('../../../i18n/zh-CN.json')]) {
      const types = (language.default.adminGroups as { types: Record<string, string> }).types;
      expect(GROUP_TYPES.filter((g) => !types[String(g)])).toEqual([]);
    }
  });
});
