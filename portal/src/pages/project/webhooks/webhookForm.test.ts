import { describe, expect, it } from 'vitest';
import { recordingClient, response } from '../../../api/recordingClient';
import { lastTriggerOf, webhooksApi, type WebhookEvents } from '../../../api/webhooks';
import { emptyForm, formatsOf, formOf, policyOf, webhookProblem, withType } from './webhookForm';

const events: WebhookEvents = {
  event_type: ['PUSH_ARTIFACT', 'PULL_ARTIFACT', 'DELETE_ARTIFACT'],
  notify_type: ['http', 'slack'],
  payload_formats: [
    { notify_type: 'http', formats: ['Default', 'CloudEvents'] },
    { notify_type: 'slack', formats: ['Slack'] },
  ],
};

describe('the webhook client', () => {
  it('creates a policy by project id and returns it with its secret', async () => {
    const { client, calls, body } = recordingClient(() => response(201, '{"id":9,"name":"ci","secret":"s3cr3t","enabled":true,"event_types":[],"targets":[]}'));
    const created = await webhooksApi(client).create(4, policyOf({ ...emptyForm(events), name: 'ci', address: 'https://ci.example.com/hook' }));
    expect(calls[0].url).toContain('/api/v2.0/projects/4/webhook/policies');
    expect(calls[0].init.method).toBe('POST');
    expect(body(0).targets[0]).toEqual({ type: 'http', address: 'https://ci.example.com/hook', auth_header: null, skip_cert_verify: false, payload_format: 'Default' });
    expect(created.secret).toBe('s3cr3t');
  });

  it('enables, deletes, and reads executions, tasks, logs and last triggers', async () => {
    const { client, calls, body } = recordingClient((url) =>
      url.endsWith('/log') ? response(200, 'attempt 1: 200', { 'Content-Type': 'text/plain' }) : url.endsWith('/lasttrigger') ? response(200, 'null') : response(200, '[]', { 'X-Total-Count': '0' }),
    );
    const w = webhooksApi(client);
    await w.setEnabled(4, 9, false);
    expect(calls[0].init.method).toBe('PUT');
    expect(calls[0].url).toMatch(/\/projects\/4\/webhook\/policies\/9$/);
    expect(body(0)).toEqual({ enabled: false });
    await w.remove(4, 9);
    expect(calls[1].init.method).toBe('DELETE');
    await w.executions(4, 9, { page: 2, pageSize: 10 });
    expect(new URL(calls[2].url, 'http://x').pathname).toBe('/api/v2.0/projects/4/webhook/policies/9/executions');
    await w.tasks(4, 9, 3);
    expect(new URL(calls[3].url, 'http://x').pathname).toBe('/api/v2.0/projects/4/webhook/policies/9/executions/3/tasks');
    expect(await w.log(4, 9, 3, 5)).toBe('attempt 1: 200');
    expect(calls[4].url).toMatch(/executions\/3\/tasks\/5\/log$/);
    expect(await w.lastTriggers(4)).toEqual([]);
  });

  it('finds a policy\'s latest trigger over its event types', () => {
    const rows = [
      { policy_name: 'ci', event_type: 'PUSH_ARTIFACT', enabled: true, last_trigger_time: '2026-12-07T10:00:00Z' },
      { policy_name: 'ci', event_type: 'PULL_ARTIFACT', enabled: true, last_trigger_time: '2026-12-07T11:00:00Z' },
      { policy_name: 'other', event_type: 'PUSH_ARTIFACT', enabled: true, last_trigger_time: '2026-12-07T12:00:00Z' },
      { policy_name: 'quiet', event_type: 'PUSH_ARTIFACT', enabled: true, last_trigger_time: null },
    ];
    expect(lastTriggerOf('ci', rows)).toBe('2026-12-07T11:00:00Z');
    expect(lastTriggerOf('quiet', rows)).toBeNull();
  });
});

describe('the webhook form', () => {
  it('starts with every event type, http and its first format', () => {
    expect(emptyForm(events)).toMatchObject({ eventTypes: events.event_type, type: 'http', payloadFormat: 'Default' });
    expect(formatsOf(events, 'slack')).toEqual(['Slack']);
    expect(formatsOf(null, 'http')).toEqual([]);
  });

  it('switches the format with the notify type', () => {
    const slack = withType({ ...emptyForm(events), payloadFormat: 'CloudEvents' }, 'slack', events);
    expect(slack.payloadFormat).toBe('Slack');
    expect(withType({ ...emptyForm(events), payloadFormat: 'CloudEvents' }, 'http', events).payloadFormat).toBe('CloudEvents');
  });

  it('wants a name, an event type and an http(s) address', () => {
    const ok = { ...emptyForm(events), name: 'ci', address: 'https://ci.example.com/hook' };
    expect(webhookProblem(ok)).toBeNull();
    expect(webhookProblem({ ...ok, name: ' ' })).toBe('webhooks.nameRequired');
    expect(webhookProblem({ ...ok, eventTypes: [] })).toBe('webhooks.eventsRequired');
    expect(webhookProblem({ ...ok, address: 'ftp://x' })).toBe('webhooks.addressInvalid');
    expect(webhookProblem({ ...ok, address: 'not a url' })).toBe('webhooks.addressInvalid');
  });

  it('round-trips a stored policy, dropping the auth header for Slack', () => {
    const stored = {
      id: 1,
      name: 'ci',
      description: 'tell CI',
      enabled: false,
      event_types: ['PUSH_ARTIFACT'],
      targets: [{ type: 'http' as const, address: 'https://ci/h', auth_header: 'Bearer x', skip_cert_verify: true, payload_format: 'CloudEvents' }],
    };
    const form = formOf(stored);
    expect(policyOf(form, false)).toEqual({ name: 'ci', description: 'tell CI', enabled: false, event_types: ['PUSH_ARTIFACT'], targets: stored.targets });
    expect(policyOf(withType(form, 'slack', events)).targets[0]).toMatchObject({ type: 'slack', auth_header: null, payload_format: 'Slack' });
  });
});
