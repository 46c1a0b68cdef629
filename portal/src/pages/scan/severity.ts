import type { ScanOverview, ScanStatus, Vulnerability, VulnerabilityReport } from '../../api/scanning';

/**
 * Severities as scanners report them, worst first (Harbor's order: Critical > High > Medium > Low > Negligible > Unknown
 * > None), and what the portal does with an artifact's scan overview and report.
 */
export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Negligible', 'Unknown', 'None'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The rank of a severity, worst first; a value no scanner should send ranks with Unknown. */
export function severityRank(severity: string | undefined): number {
  const i = SEVERITIES.findIndex((s) => s.toLowerCase() === (severity ?? '').toLowerCase());
  return i < 0 ? SEVERITIES.indexOf('Unknown') : i;
}

/** The severity's canonical spelling (Unknown for anything else). */
export function severityOf(severity: string | undefined): Severity {
  return SEVERITIES[severityRank(severity)];
}

/** PatternFly label colours, as Harbor's portal colours them. */
export function severityColor(severity: string | undefined): 'red' | 'orangered' | 'orange' | 'yellow' | 'grey' | 'green' {
  switch (severityOf(severity)) {
    case 'Critical':
      return 'red';
    case 'High':
      return 'orangered';
    case 'Medium':
      return 'orange';
    case 'Low':
      return 'yellow';
    case 'None':
      return 'green';
    default:
      return 'grey';
  }
}

/** The MIME type of Harbor's native report, which an overview shows first when an artifact has several. */
export const NATIVE_REPORT = 'application/vnd.security.vulnerability.report; version=1.1';

/** The vulnerability overview to show: the native report's, else the first there is, else null (never scanned). */
export function overviewOf(scanOverview: Record<string, ScanOverview> | undefined | null): ScanOverview | null {
  if (!scanOverview) {
    return null;
  }
  return scanOverview[NATIVE_REPORT] ?? Object.values(scanOverview)[0] ?? null;
}

/** Whether a scan is still going: the page polls while one is. */
export function isScanning(status: ScanStatus | undefined): boolean {
  return status === 'Pending' || status === 'Running';
}

/** The counts of an overview per severity, worst first, only those found. */
export function severityCounts(overview: ScanOverview | null): { severity: Severity; count: number }[] {
  const counts = overview?.summary?.summary ?? {};
  const total = new Map<Severity, number>();
  for (const [key, count] of Object.entries(counts)) {
    if (count > 0) {
      const s = severityOf(key);
      total.set(s, (total.get(s) ?? 0) + count);
    }
  }
  return SEVERITIES.filter((s) => total.has(s)).map((s) => ({ severity: s, count: total.get(s)! }));
}

/** The findings of additions/vulnerabilities (the native report's first), worst first, then by CVSS v3 score, then by id. */
export function findingsOf(additions: Record<string, VulnerabilityReport> | null | undefined): { report: VulnerabilityReport | null; findings: Vulnerability[] } {
  const report = additions ? (additions[NATIVE_REPORT] ?? Object.values(additions)[0] ?? null) : null;
  const findings = [...(report?.vulnerabilities ?? [])].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      (b.preferred_cvss?.score_v3 ?? -1) - (a.preferred_cvss?.score_v3 ?? -1) ||
      a.id.localeCompare(b.id) ||
      a.package.localeCompare(b.package),
  );
  return { report, findings };
}

/** Findings whose id, package or version contains the text (any case). */
export function filterFindings(findings: Vulnerability[], text: string): Vulnerability[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') {
    return findings;
  }
  return findings.filter((f) => [f.id, f.package, f.version, f.fix_version ?? ''].some((v) => v.toLowerCase().includes(needle)));
}

/** Links worth showing: http(s) only (a report is the scanner's text, not trusted markup). */
export function safeLinks(links: string[] | undefined): string[] {
  return (links ?? []).filter((l) => /^https?:\/\//i.test(l));
}
