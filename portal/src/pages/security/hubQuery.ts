/**
 * The security hub's filters and Harbor's q they make for GET /vulnerabilities: exact values of cve_id, severity,
 * repository_name (project/repo), package, tag and digest, and cvss_score_v3 as a range [from~to], either end open.
 * Characters of q's own grammar cannot be in a value: a filter holding one is refused here rather than sent.
 */
export interface HubFilters {
  cveId: string;
  severity: string;
  repository: string;
  packageName: string;
  tag: string;
  cvssFrom: string;
  cvssTo: string;
}

export const NO_FILTERS: HubFilters = { cveId: '', severity: '', repository: '', packageName: '', tag: '', cvssFrom: '', cvssTo: '' };

/** The severities core filters by (Harbor's), in the order offered. */
export const HUB_SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Negligible', 'None', 'Unknown'];

const GRAMMAR = /[,=~[\]{}()]/;

function score(text: string): number | null | undefined {
  if (text.trim() === '') {
    return null;
  }
  const n = Number(text.trim());
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

/** The i18n key of what is wrong with the filters, or null. */
export function hubFiltersProblem(f: HubFilters): string | null {
  const texts = [f.cveId, f.repository, f.packageName, f.tag];
  if (texts.some((t) => GRAMMAR.test(t))) {
    return 'securityHub.badCharacter';
  }
  const from = score(f.cvssFrom);
  const to = score(f.cvssTo);
  if (from === undefined || to === undefined) {
    return 'securityHub.badScore';
  }
  return from !== null && to !== null && from > to ? 'securityHub.scoreOrder' : null;
}

/** Harbor's q of the filters given (undefined for none). Call only when hubFiltersProblem is null. */
export function hubQuery(f: HubFilters): string | undefined {
  const parts: string[] = [];
  const exact = (key: string, value: string) => {
    if (value.trim() !== '') {
      parts.push(`${key}=${value.trim()}`);
    }
  };
  exact('cve_id', f.cveId);
  exact('severity', f.severity);
  exact('repository_name', f.repository);
  exact('package', f.packageName);
  exact('tag', f.tag);
  if (f.cvssFrom.trim() !== '' || f.cvssTo.trim() !== '') {
    parts.push(`cvss_score_v3=[${f.cvssFrom.trim()}~${f.cvssTo.trim()}]`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
