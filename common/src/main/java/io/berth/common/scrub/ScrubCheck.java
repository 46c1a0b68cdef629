package io.berth.common.scrub;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /internal/scrub/check}: re-read the blobs whose digest sorts after {@code after} (null or empty: from the
 * first), at most {@code limit} of them (1–1000), reading at most {@code bytesPerSecond} on average, and ending the
 * page once {@code maxBytes} were read (a blob started is read to its end). {@code runId} names the run in the log and
 * in the quarantine reason.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScrubCheck(long runId, String after, int limit, long bytesPerSecond, long maxBytes) {
    public static final int MAX_LIMIT = 1000;

    /** The reason this request cannot run, or null when it can. */
    public String problem() {
        if (limit < 1 || limit > MAX_LIMIT) {
            return "limit must be 1 to " + MAX_LIMIT + ", not " + limit;
        }
        if (bytesPerSecond < 1) {
            return "bytes_per_second must be positive, not " + bytesPerSecond;
        }
        if (maxBytes < 1) {
            return "max_bytes must be positive, not " + maxBytes;
        }
        return null;
    }
}
