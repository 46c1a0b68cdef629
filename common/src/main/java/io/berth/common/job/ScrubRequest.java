package io.berth.common.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What core sends jobservice to scrub the stored blobs ({@code POST /jobs/scrub/executions}): {@code rateLimit}, the
 * most the job reads from storage, in MB/s (1 MB = 1,000,000 bytes; fractions allowed; null: {@value #DEFAULT_RATE_LIMIT}).
 * {@code scheduleId} is 0 for a manual run. Written by core, read by jobservice, in snake case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScrubRequest(long scheduleId, String trigger, Double rateLimit) {

    public static final String KIND = "SCRUB";
    public static final double DEFAULT_RATE_LIMIT = 50;

    /** The reason this request cannot run, or null when it can. */
    public String problem() {
        if (rateLimit != null && (rateLimit.isNaN() || rateLimit.isInfinite() || rateLimit <= 0)) {
            return "rate_limit must be a positive number of MB/s, not " + rateLimit;
        }
        if (rateLimit != null && rateLimit * 1_000_000 < 1) {
            return "rate_limit must be at least 0.000001 MB/s (1 byte/s), not " + rateLimit;
        }
        return null;
    }

    /** The rate limit in bytes per second. */
    public long bytesPerSecond() {
        return Math.max(1, Math.round((rateLimit == null ? DEFAULT_RATE_LIMIT : rateLimit) * 1_000_000));
    }
}
