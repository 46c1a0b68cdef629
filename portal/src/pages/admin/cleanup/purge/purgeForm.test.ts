import { describe, expect, it } from 'vitest';
import { purgeForm, purgeParameters, purgeProblem, reportPairs, retentionHours } from './purgeForm';

describe('the audit-log purge form', () => {
  it('starts from Harbor\'s defaults, or the stored parameters in days when they are whole days', () => {
    expect(purgeForm(null)).toEqual({ retention: '30', unit: 'days', operations: ['create', 'delete', 'pull'] });
    expect(purgeForm({ job_parameters: '{"audit_retention_hour":36,"include_operations":"login"}' })).toEqual({
      retention: '36',
      unit: 'hours',
      operations: ['login'],
    });
    expect(purgeForm({ job_parameters: '{"audit_retention_hour":168}' }).retention).toBe('7');
  });

  it('turns the retention into hours, from 1 hour to 10 years', () => {
    expect(retentionHours({ retention: '7', unit: 'days' })).toBe(168);
    expect(retentionHours({ retention: '1', unit: 'hours' })).toBe(1);
    expect(retentionHours({ retention: '3650', unit: 'days' })).toBe(87600);
    for (const retention of ['', '0', '-1', '1.5', 'x', '3651']) {
      expect(retentionHours({ retention, unit: 'days' }), retention).toBeNull();
    }
  });

  it('says what is wrong: the retention, or no operation chosen', () => {
    const ok = { retention: '30', unit: 'days' as const, operations: ['pull'] };
    expect(purgeProblem(ok)).toBeNull();
    expect(purgeProblem({ ...ok, retention: '0' })).toBe('adminPurge.retentionRange');
    expect(purgeProblem({ ...ok, operations: [] })).toBe('adminPurge.noOperations');
  });

  it('sends Harbor\'s parameters', () => {
    expect(purgeParameters({ retention: '2', unit: 'days', operations: ['create', 'pull'] }, true)).toEqual({
      audit_retention_hour: 48,
      include_operations: 'create,pull',
      dry_run: true,
    });
  });

  it('shows a run\'s report as its counts, or nothing', () => {
    expect(reportPairs({ purged: 12 })).toEqual([['purged', 12]]);
    expect(reportPairs({})).toBeNull();
    expect(reportPairs(null)).toBeNull();
  });
});
