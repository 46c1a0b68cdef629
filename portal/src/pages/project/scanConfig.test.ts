import { describe, expect, it } from 'vitest';
import type { Project } from '../../api/types';
import { projectAllowlist, sameScanConfig, scanConfigOf, scanMetadata } from './scanConfig';

const project = (metadata: Record<string, string>, cve_allowlist?: unknown) => ({ project_id: 1, name: 'p', repo_count: 0, metadata, cve_allowlist }) as Project;

describe('the project\'s scanning settings', () => {
  it('read Harbor\'s defaults when unset: no scan on push, no prevention, severity low, the system\'s allowlist', () => {
    expect(scanConfigOf(project({ public: 'false' }))).toEqual({
      autoScan: false,
      autoSbom: false,
      preventVul: false,
      severity: 'low',
      reuseSystemAllowlist: true,
      allowlist: { ids: '', neverExpires: true, expiresOn: '' },
    });
  });

  it('write every key they set, and the project\'s own list', () => {
    const v = scanConfigOf(
      project(
        { auto_scan: 'true', prevent_vul: 'true', severity: 'critical', reuse_sys_cve_allowlist: 'false', auto_sbom_generation: 'true' },
        { items: [{ cve_id: 'CVE-2021-44228' }], expires_at: null },
      ),
    );
    expect(scanMetadata(v)).toEqual({ auto_scan: 'true', auto_sbom_generation: 'true', prevent_vul: 'true', severity: 'critical', reuse_sys_cve_allowlist: 'false' });
    expect(projectAllowlist(v)).toEqual({ items: [{ cve_id: 'CVE-2021-44228' }], expires_at: null });
    expect(sameScanConfig(v, { ...v, allowlist: { ...v.allowlist, ids: 'CVE-2021-44228\n' } })).toBe(true);
    expect(sameScanConfig(v, { ...v, severity: 'high' })).toBe(false);
  });

  it('read a severity core would not store as low', () => {
    expect(scanConfigOf(project({ severity: 'Bogus' })).severity).toBe('low');
    expect(scanConfigOf(project({ severity: 'HIGH' })).severity).toBe('high');
  });
});
