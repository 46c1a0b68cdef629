import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { isActive, rawParameters, scheduledJob } from './execHistory';
import { DEFAULT_PURGE_OPERATIONS, DEFAULT_RETENTION_HOURS, operationsParameter, purgeAuditApi, purgeParametersOf } from './purgeAudit';
import { quotasApi } from './quotas';
import { recordingClient, response } from './recordingClient';

const run = {
  id: 4,
  job_name: 'PURGE_AUDIT',
  job_kind: 'MANUAL',
  job_parameters: '{"audit_retention_hour":48,"include_operations":"create,pull","dry_run":true}',
  job_status: 'Running',
  creation_time: '2026-12-07T10:00:00Z',
  update_time: '2026-12-07T10:00:01Z',
};

describe('the quotas client', () => {
  it('lists a page of project quotas in the order asked, with the total', async () => {
    const quota = { id: 3, ref: { id: 3, name: 'p' }, hard: { storage: 1024 }, used: { storage: 512 } };
    const { client, calls } = recordingClient(() => response(200, JSON.stringify([quota]), { 'X-Total-Count': '41' }));
    const page = await quotasApi(client).list({ page: 2, pageSize: 20 }, '-used.storage');
    expect(page).toEqual({ items: [quota], total: 41 });
    const url = new URL(calls[0].url, 'http://x');
    expect(url.pathname).toBe('/api/v2.0/quotas');
    expect(Object.fromEntries(url.searchParams)).toEqual({ reference: 'project', sort: '-used.storage', page: '2', page_size: '20' });
  });

  it('leaves the sort out when there is none', async () => {
    const { client, calls } = recordingClient(() => response(200, '[]'));
    await quotasApi(client).list({ page: 1, pageSize: 10 }, '');
    expect(calls[0].url).not.toContain('sort=');
  });

  it('finds one project\'s quota by reference_id, or null', async () => {
    const { client, calls } = recordingClient((url) =>
      response(200, url.includes('reference_id=3') ? '[{"id":3,"ref":{"id":3,"name":"p"},"hard":{"storage":-1},"used":{"storage":0}}]' : '[]'),
    );
    expect((await quotasApi(client).ofProject(3))?.hard.storage).toBe(-1);
    expect(await quotasApi(client).ofProject(4)).toBeNull();
    expect(calls[0].url).toBe('/api/v2.0/quotas?reference=project&reference_id=3');
  });

  it('puts a hard storage limit as {hard: {storage}}, -1 for unlimited', async () => {
    const { client, calls, body } = recordingClient(() => response(200, ''));
    await quotasApi(client).setStorageLimit(3, 10 * 1024 ** 3);
    await quotasApi(client).setStorageLimit(3, -1);
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['PUT', '/api/v2.0/quotas/3'],
      ['PUT', '/api/v2.0/quotas/3'],
    ]);
    expect(body(0)).toEqual({ hard: { storage: 10737418240 } });
    expect(body(1)).toEqual({ hard: { storage: -1 } });
  });

  it('hands back the API\'s refusal with its message', async () => {
    const { client } = recordingClient(() =>
      response(400, '{"errors":[{"code":"BAD_REQUEST","message":"hard.storage must be -1 (unlimited) or 0 and more, not -5"}]}'),
    );
    const refused = quotasApi(client).setStorageLimit(3, -5);
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 400, message: 'hard.storage must be -1 (unlimited) or 0 and more, not -5' });
  });
});

describe('the audit-log purge client', () => {
  it('starts a run now as a Manual schedule with Harbor\'s parameters', async () => {
    const { client, calls, body } = recordingClient(() => response(201, '', { Location: '/api/v2.0/system/purgeaudit/5' }));
    await purgeAuditApi(client).runNow({ audit_retention_hour: 48, include_operations: 'create,pull', dry_run: true });
    expect([calls[0].init.method, calls[0].url]).toEqual(['POST', '/api/v2.0/system/purgeaudit/schedule']);
    expect(body(0)).toEqual({ schedule: { type: 'Manual' }, parameters: { audit_retention_hour: 48, include_operations: 'create,pull', dry_run: true } });
  });

  it('puts the schedule with its cron and parameters', async () => {
    const { client, calls, body } = recordingClient(() => response(200, ''));
    await purgeAuditApi(client).setSchedule('Custom', '0 0 3 * * *', { audit_retention_hour: 720, include_operations: 'delete' });
    expect([calls[0].init.method, calls[0].url]).toEqual(['PUT', '/api/v2.0/system/purgeaudit/schedule']);
    expect(body(0)).toEqual({ schedule: { type: 'Custom', cron: '0 0 3 * * *' }, parameters: { audit_retention_hour: 720, include_operations: 'delete' } });
  });

  it('reads no schedule ({}) as null, and a schedule as its run', async () => {
    const none = recordingClient(() => response(200, '{}'));
    expect(await purgeAuditApi(none.client).schedule()).toBeNull();
    const some = recordingClient(() => response(200, JSON.stringify({ ...run, schedule: { type: 'Daily' } })));
    expect((await purgeAuditApi(some.client).schedule())?.schedule?.type).toBe('Daily');
  });

  it('pages the history, stops a run and reads its log as text', async () => {
    const { client, calls } = recordingClient((url) =>
      url.endsWith('/log') ? new Response('purged 3 records', { status: 200, headers: { 'Content-Type': 'text/plain' } }) : response(200, JSON.stringify([run]), { 'X-Total-Count': '1' }),
    );
    const job = scheduledJob(client, '/api/v2.0/system/purgeaudit');
    expect(await job.history({ page: 1, pageSize: 10 })).toEqual({ items: [run], total: 1 });
    await job.stop(4);
    expect(await job.log(4)).toBe('purged 3 records');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/v2.0/system/purgeaudit?page=1&page_size=10',
      'PUT /api/v2.0/system/purgeaudit/4',
      'GET /api/v2.0/system/purgeaudit/4/log',
    ]);
  });

  it('says why it refuses a stop of a finished run', async () => {
    const { client } = recordingClient(() => response(400, '{"errors":[{"code":"BAD_REQUEST","message":"purge 4 has finished (Success): nothing to stop"}]}'));
    await expect(purgeAuditApi(client).stop(4)).rejects.toMatchObject({ message: 'purge 4 has finished (Success): nothing to stop' });
  });
});

describe('a purge run\'s parameters', () => {
  it('are read from the JSON text, with Harbor\'s defaults where absent or wrong', () => {
    expect(purgeParametersOf(run)).toEqual({ retentionHours: 48, operations: ['create', 'pull'], dryRun: true });
    expect(purgeParametersOf({ job_parameters: 'not json' })).toEqual({
      retentionHours: DEFAULT_RETENTION_HOURS,
      operations: DEFAULT_PURGE_OPERATIONS,
      dryRun: false,
    });
    expect(purgeParametersOf({ job_parameters: '{"audit_retention_hour":-3,"include_operations":""}' }).retentionHours).toBe(DEFAULT_RETENTION_HOURS);
    expect(purgeParametersOf(null).operations).toEqual(DEFAULT_PURGE_OPERATIONS);
    expect(rawParameters({ job_parameters: '[1]' })).toEqual({});
  });

  it('send the operations comma-separated, each once', () => {
    expect(operationsParameter(['create', ' delete', 'create', '', 'change password'])).toBe('create,delete,change password');
  });

  it('and a run is active while pending or running', () => {
    expect(isActive({ job_status: 'Running' })).toBe(true);
    expect(isActive({ job_status: 'Error' })).toBe(false);
  });
});
