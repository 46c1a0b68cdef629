import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json';
import { auditQuery, filtersFrom, noFilters, OPERATIONS, qValue, rangeProblem, RESOURCE_TYPES, RESULTS, utcText, type AuditFilters } from './auditQuery';

const with_ = (change: Partial<AuditFilters>): AuditFilters => ({ ...noFilters(), ...change });

describe('the audit log query', () => {
  it('is left out when nothing is filtered', () => {
    expect(auditQuery(noFilters())).toBeUndefined();
    expect(auditQuery(with_({ username: '  ' }))).toBeUndefined();
  });

  it('matches a part of names and words, the resource type exactly', () => {
    expect(auditQuery(with_({ username: ' ad ', operation: 'create', resource: 'library/app', resourceType: 'artifact' }))).toBe(
      'username=~ad,operation=~create,resource=~library/app,resource_type=artifact',
    );
    expect(auditQuery(with_({ result: 'failure', project: 'team' }))).toBe('result=~failure,project=~team');
    expect(auditQuery(with_({ operation: 'change password' }))).toBe('operation=~change password');
  });

  it('drops what the q grammar cannot carry', () => {
    expect(qValue('a,b[c]{d}')).toBe('abcd');
    expect(auditQuery(with_({ resource: 'x,resource_type=user' }))).toBe('resource=~xresource_type=user');
  });

  it('sends whole local days as a UTC range, either bound open', () => {
    const from = utcText(new Date(2024, 0, 1));
    const to = utcText(new Date(2024, 1, 1));
    expect(auditQuery(with_({ from: '2024-01-01', to: '2024-01-31' }))).toBe(`op_time=[${from}~${to}]`);
    expect(auditQuery(with_({ from: '2024-01-01' }))).toBe(`op_time=[${from}~]`);
    expect(auditQuery(with_({ to: '2024-01-31', username: 'bob' }))).toBe(`username=~bob,op_time=[~${to}]`);
    expect(utcText(new Date(Date.UTC(2024, 0, 15, 10, 20, 30, 123)))).toBe('2024-01-15 10:20:30');
  });

  it('leaves out a range that is not one, and says why', () => {
    expect(rangeProblem(with_({ from: '2024-02-01', to: '2024-01-01' }))).toBe('adminAuditLogs.fromAfterTo');
    expect(rangeProblem(with_({ from: 'yesterday' }))).toBe('adminAuditLogs.badDate');
    expect(rangeProblem(with_({ from: '2024-01-01', to: '2024-01-01' }))).toBeNull();
    expect(auditQuery(with_({ from: '2024-02-01', to: '2024-01-01' }))).toBeUndefined();
  });

  it('reads its filters back from the URL', () => {
    const params = new URLSearchParams('username=bob&resource_type=project&from=2024-01-01&page=3');
    expect(filtersFrom(params)).toEqual(with_({ username: 'bob', resourceType: 'project', from: '2024-01-01' }));
  });
});

describe('the filters\' choices', () => {
  it('have names in the portal\'s languages', () => {
    const names = (en as unknown as { adminAuditLogs: Record<string, Record<string, string>> }).adminAuditLogs;
    const missing = [
      ...OPERATIONS.filter((o) => !names.operations[o.replace(/ /g, '_')]),
      ...RESOURCE_TYPES.filter((r) => !names.resourceTypes[r]),
      ...RESULTS.filter((r) => !names.results[r]),
    ];
    expect(missing).toEqual([]);
  });
});
