import { describe, expect, it } from 'vitest';
import { recordingClient, response } from '../../../../api/recordingClient';
import { scrubApi, scrubParametersOf } from '../../../../api/scrub';
import { rateLimitProblem, rateLimitText, scrubSummary } from './scrubForm';

const run = {
  id: 7,
  job_kind: 'SCHEDULE' as const,
  job_parameters: '{"rate_limit":12.5}',
  job_status: 'Success' as const,
  creation_time: '',
  update_time: '',
};

describe('the scrub client', () => {
  it('runs a scrub now with its rate limit', async () => {
    const { client, calls, body } = recordingClient(() => response(201, ''));
    await scrubApi(client).runNow({ rate_limit: 20 });
    expect(calls[0].url).toContain('/api/v2.0/system/scrub/schedule');
    expect(calls[0].init.method).toBe('POST');
    expect(body(0)).toEqual({ schedule: { type: 'Manual' }, parameters: { rate_limit: 20 } });
  });

  it('sets the schedule, stops a run and reads its log', async () => {
    const { client, calls, body } = recordingClient((url) => response(200, url.endsWith('/log') ? 'done' : '{}'));
    const s = scrubApi(client);
    await s.setSchedule('Daily', '0 0 0 * * *', { rate_limit: 5 });
    expect(calls[0].init.method).toBe('PUT');
    expect(body(0)).toEqual({ schedule: { type: 'Daily', cron: '0 0 0 * * *' }, parameters: { rate_limit: 5 } });
    await s.stop(7);
    expect(calls[1].url).toMatch(/\/system\/scrub\/7$/);
    expect(calls[1].init.method).toBe('PUT');
    expect(await s.log(7)).toBe('done');
    expect(await s.schedule()).toBeNull();
  });
});

describe('the scrub form', () => {
  it('reads the rate of a run, or the default', () => {
    expect(scrubParametersOf(run)).toEqual({ rate_limit: 12.5 });
    expect(scrubParametersOf(null)).toEqual({ rate_limit: 50 });
    expect(rateLimitText(run)).toBe('12.5');
  });

  it('wants a positive number', () => {
    expect(rateLimitProblem('10')).toBeNull();
    expect(rateLimitProblem('0.5')).toBeNull();
    expect(rateLimitProblem('')).toBe('adminScrub.rateRequired');
    expect(rateLimitProblem('0')).toBe('adminScrub.ratePositive');
    expect(rateLimitProblem('-3')).toBe('adminScrub.ratePositive');
    expect(rateLimitProblem('abc')).toBe('adminScrub.ratePositive');
  });

  it('summarises the report', () => {
    expect(scrubSummary({ blobs_checked: 3, bytes_checked: 2048, blobs_quarantined: 1, skipped_busy: 0, failures: 2 })).toEqual({
      blobs: 3,
      bytes: 2048,
      quarantined: 1,
      busy: 0,
      failures: 2,
    });
    expect(scrubSummary(null)).toEqual({ blobs: 0, bytes: 0, quarantined: 0, busy: 0, failures: 0 });
  });
});
