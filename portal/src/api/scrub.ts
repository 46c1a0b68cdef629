import { V2 } from './berth';
import { api, type ApiClient } from './client';
import { rawParameters, scheduledJob, type JobRun } from './execHistory';

/** Berth's /api/v2.0/system/scrub (system administrators): re-reads stored blobs, quarantines the bad (docs/scrub.md). */
export interface ScrubParameters {
  /** The most the scrub reads from storage, in MB/s (1 MB = 1,000,000 bytes); positive, fractions allowed. */
  rate_limit: number;
}

export const DEFAULT_RATE_LIMIT = 50;

export type ScrubRun = JobRun;

export const scrubApi = (client: ApiClient) => scheduledJob<ScrubParameters>(client, `${V2}/system/scrub`);

export const scrub = scrubApi(api);

/** The parameters a run was given (the default rate when absent or unreadable). */
export function scrubParametersOf(run: Pick<ScrubRun, 'job_parameters'> | null | undefined): ScrubParameters {
  const rate = Number(rawParameters(run).rate_limit);
  return { rate_limit: Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_RATE_LIMIT };
}
