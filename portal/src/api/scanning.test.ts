import { describe, expect, it } from 'vitest';
import { recordingClient, response } from './recordingClient';
import { projectScannerApi, scannersApi } from './scanners';
import { artifactScanApi, projectSecurityApi, scanAllApi, securityHubApi, systemAllowlistApi } from './scanning';

const ok = () => response(200, '');

describe('the scanners client', () => {
  it('lists registrations by name with the total', async () => {
    const { client, calls } = recordingClient(() => response(200, '[{"uuid":"u1","name":"trivy"}]', { 'X-Total-Count': '3' }));
    const page = await scannersApi(client).list({ page: 1, pageSize: 10 }, 'tri');
    expect(page.total).toBe(3);
    expect(calls[0].url).toBe('/api/v2.0/scanners?q=name%3D%7Etri&page=1&page_size=10');
  });

  it('makes a registration the default with PATCH {is_default: true}, and disables one with PUT {disabled}', async () => {
    const { client, calls, body } = recordingClient(ok);
    await scannersApi(client).setDefault('a/b');
    await scannersApi(client).setDisabled('u1', true);
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['PATCH', '/api/v2.0/scanners/a%2Fb'],
      ['PUT', '/api/v2.0/scanners/u1'],
    ]);
    expect(body(0)).toEqual({ is_default: true });
    expect(body(1)).toEqual({ disabled: true });
  });

  it('hands back core\'s refusal of a ping with its message', async () => {
    const { client } = recordingClient(() => response(400, '{"errors":[{"code":"BAD_REQUEST","message":"the scanner adapter does not answer as expected: 404"}]}'));
    await expect(scannersApi(client).ping({ url: 'http://x' })).rejects.toMatchObject({ status: 400, message: 'the scanner adapter does not answer as expected: 404' });
  });

  it('reads and sets a project\'s scanner by the project\'s name', async () => {
    const { client, calls, header, body } = recordingClient((url) => response(200, url.includes('candidates') ? '[{"uuid":"u2","name":"n"}]' : '{"uuid":"u1"}'));
    await projectScannerApi(client).get('p1');
    await projectScannerApi(client).set('p1', 'u2');
    expect(await projectScannerApi(client).candidates('p1', { page: 1, pageSize: 100 })).toEqual([{ uuid: 'u2', name: 'n' }]);
    expect(calls[1].url).toBe('/api/v2.0/projects/p1/scanner');
    expect(header(1, 'X-Is-Resource-Name')).toBe('true');
    expect(body(1)).toEqual({ uuid: 'u2' });
    expect(calls[2].url).toBe('/api/v2.0/projects/p1/scanner/candidates?page=1&page_size=100');
  });
});

describe('the scanning client', () => {
  it('scans an artifact with its scan type, its repository name encoded twice', async () => {
    const { client, calls, body } = recordingClient(() => response(202, ''));
    await artifactScanApi(client).scan('p', 'a/b', 'sha256:ab', 'sbom');
    expect(calls[0].url).toBe('/api/v2.0/projects/p/repositories/a%252Fb/artifacts/sha256%3Aab/scan');
    expect(body(0)).toEqual({ scan_type: 'sbom' });
  });

  it('stops a scan without a body (core\'s stop takes none)', async () => {
    const { client, calls } = recordingClient(() => response(202, ''));
    await artifactScanApi(client).stop('p', 'r', 'sha256:ab');
    expect(calls[0].url).toBe('/api/v2.0/projects/p/repositories/r/artifacts/sha256%3Aab/scan/stop');
    expect(calls[0].init.body).toBeUndefined();
  });

  it('runs scan-all now with a Manual schedule and no parameters', async () => {
    const { client, calls, body } = recordingClient(() => response(201, ''));
    await scanAllApi(client).runNow({});
    await scanAllApi(client).setSchedule('Custom', '0 0 1 * * *', {});
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['POST', '/api/v2.0/system/scanAll/schedule'],
      ['PUT', '/api/v2.0/system/scanAll/schedule'],
    ]);
    expect(body(0)).toEqual({ schedule: { type: 'Manual' }, parameters: {} });
    expect(body(1)).toEqual({ schedule: { type: 'Custom', cron: '0 0 1 * * *' }, parameters: {} });
  });

  it('replaces the system allowlist and a project\'s settings with its own list', async () => {
    const { client, calls, body } = recordingClient(ok);
    await systemAllowlistApi(client).put({ items: [{ cve_id: 'CVE-2021-44228' }], expires_at: null });
    await projectSecurityApi(client).save('p', { prevent_vul: 'true' }, { items: [], expires_at: 1767225600 });
    expect(calls[0].url).toBe('/api/v2.0/system/CVEAllowlist');
    expect(body(0)).toEqual({ items: [{ cve_id: 'CVE-2021-44228' }], expires_at: null });
    expect([calls[1].init.method, calls[1].url]).toEqual(['PUT', '/api/v2.0/projects/p']);
    expect(body(1)).toEqual({ metadata: { prevent_vul: 'true' }, cve_allowlist: { items: [], expires_at: 1767225600 } });
  });

  it('asks the security hub for a page of findings with tags and the filters\' q', async () => {
    const { client, calls } = recordingClient(() => response(200, '[]', { 'X-Total-Count': '0' }));
    await securityHubApi(client).vulnerabilities({ page: 2, pageSize: 20 }, 'severity=High');
    const url = new URL(calls[0].url, 'http://x');
    expect(url.pathname).toBe('/api/v2.0/vulnerabilities');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'severity=High', with_tag: 'true', page: '2', page_size: '20' });
  });
});
