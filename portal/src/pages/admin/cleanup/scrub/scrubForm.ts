import { scrubParametersOf, type ScrubRun } from '../../../../api/scrub';

/** The rate as the form holds it: the text typed. */
export function rateLimitText(schedule: ScrubRun | null): string {
  return String(scrubParametersOf(schedule).rate_limit);
}

/** The i18n key of what is wrong with a typed rate (a positive number of MB/s), or null. */
export function rateLimitProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return 'adminScrub.rateRequired';
  const n = Number(trimmed);
  return Number.isFinite(n) && n > 0 ? null : 'adminScrub.ratePositive';
}

/** What a run's report says: blobs and bytes checked, blobs quarantined, and the rest. */
export function scrubSummary(report: Record<string, unknown> | null | undefined) {
  const r = (report ?? {}) as Record<string, unknown>;
  const n = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
  return {
    blobs: n('blobs_checked'),
    bytes: n('bytes_checked'),
    quarantined: n('blobs_quarantined'),
    busy: n('skipped_busy'),
    failures: n('failures'),
  };
}
