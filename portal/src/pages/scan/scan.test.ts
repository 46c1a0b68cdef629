import { describe, expect, it } from 'vitest';
import { allowlistOf, allowlistProblem, allowlistValuesOf, expiresAtOf, hasExpired, idsOf, idsProblem } from './allowlistForm';
import { scannable, scanningNow } from './useScanActions';
import { filterFindings, findingsOf, isScanning, NATIVE_REPORT, overviewOf, safeLinks, severityCounts, severityOf } from './severity';

const overview = (status: string, summary?: Record<string, number>) => ({ report_id: 'r', scan_status: status, summary: { total: 3, fixable: 1, summary } }) as never;

describe('an artifact\'s scan overview', () => {
  it('is the native report\'s when there are several, else the first, else none', () => {
    expect(overviewOf({ 'application/x': overview('Error'), [NATIVE_REPORT]: overview('Success') })?.scan_status).toBe('Success');
    expect(overviewOf({ 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0': overview('Running') })?.scan_status).toBe('Running');
    expect(overviewOf({})).toBeNull();
    expect(overviewOf(undefined)).toBeNull();
  });

  it('is still scanning while Pending or Running only', () => {
    expect(['Pending', 'Running', 'Success', 'Error', 'Stopped'].map((s) => isScanning(s as never))).toEqual([true, true, false, false, false]);
  });

  it('counts per severity worst first, leaving out what was not found, any spelling', () => {
    expect(severityCounts(overview('Success', { Low: 2, critical: 1, Medium: 0, weird: 4 }))).toEqual([
      { severity: 'Critical', count: 1 },
      { severity: 'Low', count: 2 },
      { severity: 'Unknown', count: 4 },
    ]);
    expect(severityOf('HIGH')).toBe('High');
  });
});

describe('an artifact in the list', () => {
  const image = { id: 1, digest: 'sha256:a', size: 1, type: 'IMAGE' };
  it('is scanned when it is an image manifest, not an index nor another artifact', () => {
    expect(scannable(image)).toBe(true);
    expect(scannable({ ...image, references: [{ child_digest: 'sha256:b' }] })).toBe(false);
    expect(scannable({ ...image, type: 'CNAB' })).toBe(false);
  });

  it('is being scanned while its vulnerability or its SBOM scan is queued or running', () => {
    expect(scanningNow({ ...image, scan_overview: { [NATIVE_REPORT]: overview('Pending') } })).toBe(true);
    expect(scanningNow({ ...image, scan_overview: { [NATIVE_REPORT]: overview('Success') }, sbom_overview: { scan_status: 'Running' } })).toBe(true);
    expect(scanningNow({ ...image, scan_overview: {}, sbom_overview: {} })).toBe(false);
  });
});

describe('a vulnerability report', () => {
  const report = {
    [NATIVE_REPORT]: {
      vulnerabilities: [
        { id: 'CVE-2020-1', package: 'openssl', version: '1.0', severity: 'Medium' },
        { id: 'CVE-2021-2', package: 'zlib', version: '1.2', severity: 'Critical', fix_version: '1.3', preferred_cvss: { score_v3: 9.1 } },
        { id: 'CVE-2021-3', package: 'curl', version: '7', severity: 'Critical', preferred_cvss: { score_v3: 9.8 } },
      ],
    },
  };

  it('lists findings worst first, then by CVSS score', () => {
    expect(findingsOf(report).findings.map((f) => f.id)).toEqual(['CVE-2021-3', 'CVE-2021-2', 'CVE-2020-1']);
    expect(findingsOf({}).report).toBeNull();
  });

  it('filters by id, package or version', () => {
    const { findings } = findingsOf(report);
    expect(filterFindings(findings, 'ZLIB').map((f) => f.id)).toEqual(['CVE-2021-2']);
    expect(filterFindings(findings, '  ')).toHaveLength(3);
  });

  it('links only to http(s) addresses', () => {
    expect(safeLinks(['javascript:alert(1)', 'https://nvd.nist.gov/vuln/detail/CVE-2021-2', 'ftp://x'])).toEqual(['https://nvd.nist.gov/vuln/detail/CVE-2021-2']);
  });
});

describe('the CVE allowlist form', () => {
  it('reads ids one per line, by commas or spaces, and refuses what core refuses', () => {
    expect(idsOf('CVE-2021-44228, GHSA-jfh8-c2jp-5v3q\n\n CVE-2022-0001')).toEqual(['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q', 'CVE-2022-0001']);
    expect(idsProblem('CVE-2021-44228\ncve-2021-1')).toEqual({ key: 'cveAllowlist.badId', values: { id: 'cve-2021-1' } });
    expect(idsProblem('CVE-2021-44228 CVE-2021-44228')).toEqual({ key: 'cveAllowlist.duplicate', values: { id: 'CVE-2021-44228' } });
    expect(idsProblem('GHSA-aaaa-bbbb-cccc')?.key).toBe('cveAllowlist.badId'); // a, b are not in GHSA's alphabet
    expect(idsProblem('')).toBeNull();
  });

  it('turns an expiry day into Unix seconds at its start (UTC), or null for never', () => {
    expect(expiresAtOf({ ids: '', neverExpires: false, expiresOn: '2026-01-01' })).toBe(1767225600);
    expect(expiresAtOf({ ids: '', neverExpires: true, expiresOn: 'garbage' })).toBeNull();
    expect(allowlistProblem({ ids: '', neverExpires: false, expiresOn: '' })).toEqual({ key: 'cveAllowlist.badDate' });
  });

  it('round-trips a stored list and builds core\'s body', () => {
    const values = allowlistValuesOf({ items: [{ cve_id: 'CVE-2021-44228' }], expires_at: 1767225600 });
    expect(values).toEqual({ ids: 'CVE-2021-44228', neverExpires: false, expiresOn: '2026-01-01' });
    expect(allowlistOf(values)).toEqual({ items: [{ cve_id: 'CVE-2021-44228' }], expires_at: 1767225600 });
    expect(allowlistValuesOf(null)).toEqual({ ids: '', neverExpires: true, expiresOn: '' });
  });

  it('knows when a stored list has expired', () => {
    expect(hasExpired({ expires_at: 100 }, 100_000)).toBe(true);
    expect(hasExpired({ expires_at: 100 }, 99_000)).toBe(false);
    expect(hasExpired({ expires_at: null }, Date.now())).toBe(false);
  });
});
