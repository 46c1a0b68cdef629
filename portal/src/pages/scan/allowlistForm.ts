import type { CveAllowlist } from '../../api/scanning';

/**
 * A CVE allowlist as a form (the system's, a project's own): the ids as text (one per line, or separated by commas or
 * spaces) and an expiry date (or never). The same rules as core's (CveAllowlistRequest), so that the form says what is
 * wrong before core refuses it; core checks again.
 */
export interface AllowlistValues {
  ids: string;
  neverExpires: boolean;
  /** yyyy-mm-dd, the day the list stops covering anything (from its start, UTC). */
  expiresOn: string;
}

const ID = /^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3})$/;
export const MAX_IDS = 10_000;

export function allowlistValuesOf(list: Pick<CveAllowlist, 'items' | 'expires_at'> | null | undefined): AllowlistValues {
  const expires = list?.expires_at;
  return {
    ids: (list?.items ?? []).map((i) => i.cve_id).join('\n'),
    neverExpires: expires === null || expires === undefined,
    expiresOn: expires ? new Date(expires * 1000).toISOString().slice(0, 10) : '',
  };
}

/** The ids typed, in order, blanks dropped. */
export function idsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface AllowlistProblem {
  /** i18n key */
  key: string;
  values?: Record<string, string | number>;
}

/** What is wrong with the ids, or null. */
export function idsProblem(text: string): AllowlistProblem | null {
  const ids = idsOf(text);
  const bad = ids.find((id) => !ID.test(id));
  if (bad !== undefined) {
    return { key: 'cveAllowlist.badId', values: { id: bad } };
  }
  const seen = new Set<string>();
  const duplicate = ids.find((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (duplicate !== undefined) {
    return { key: 'cveAllowlist.duplicate', values: { id: duplicate } };
  }
  return ids.length > MAX_IDS ? { key: 'cveAllowlist.tooMany', values: { max: MAX_IDS } } : null;
}

/** The expiry in Unix seconds (the start of the day, UTC), null for never; undefined when the date is not one. */
export function expiresAtOf(v: AllowlistValues): number | null | undefined {
  if (v.neverExpires) {
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.expiresOn)) {
    return undefined;
  }
  const ms = Date.parse(`${v.expiresOn}T00:00:00Z`);
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : undefined;
}

export function expiryProblem(v: AllowlistValues): AllowlistProblem | null {
  return expiresAtOf(v) === undefined ? { key: 'cveAllowlist.badDate' } : null;
}

export function allowlistProblem(v: AllowlistValues): AllowlistProblem | null {
  return idsProblem(v.ids) ?? expiryProblem(v);
}

/** The body core wants: {items: [{cve_id}], expires_at}. Call only when allowlistProblem is null. */
export function allowlistOf(v: AllowlistValues): Pick<CveAllowlist, 'items' | 'expires_at'> {
  return { items: idsOf(v.ids).map((cve_id) => ({ cve_id })), expires_at: expiresAtOf(v) ?? null };
}

/** Whether a stored list covers nothing any more at `now` (ms). */
export function hasExpired(list: Pick<CveAllowlist, 'expires_at'> | null | undefined, now: number): boolean {
  return !!list?.expires_at && now / 1000 >= list.expires_at;
}
