import { describe, expect, it } from 'vitest';
import { cronToSend, timingOf, timingProblem } from './schedule';

describe('a scheduled job\'s timing', () => {
  it('starts from the stored schedule, or None', () => {
    expect(timingOf(null)).toEqual({ type: 'None', cron: '' });
    const run = { id: 1, job_kind: 'SCHEDULE' as const, job_parameters: '{}', job_status: 'Success' as const, creation_time: '', update_time: '' };
    expect(timingOf({ ...run, schedule: { type: 'Custom', cron: '0 30 2 * * 6' } })).toEqual({ type: 'Custom', cron: '0 30 2 * * 6' });
    expect(timingOf({ ...run, schedule: { type: 'Daily', cron: null } })).toEqual({ type: 'Daily', cron: '' });
  });

  it('wants six cron fields for Custom only', () => {
    expect(timingProblem({ type: 'Custom', cron: '0 30 2 * * 6' })).toBeNull();
    expect(timingProblem({ type: 'Custom', cron: '30 2 * * 6' })).toBe('cleanup.cronFields');
    expect(timingProblem({ type: 'Custom', cron: '  ' })).toBe('cleanup.cronFields');
    expect(timingProblem({ type: 'Daily', cron: '' })).toBeNull();
  });

  it('sends a cron for Custom only, trimmed', () => {
    expect(cronToSend({ type: 'Custom', cron: ' 0 0 * * * * ' })).toBe('0 0 * * * *');
    expect(cronToSend({ type: 'Weekly', cron: '0 0 * * * *' })).toBeNull();
  });
});
