package io.berth.registry.upload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A blob upload in progress: bytes received so far, and what the next chunk resumes from. {@code claim}
 * is the lease this request holds on it ({@link UploadSessions#claim}), null for one it made itself.
 */
public record UploadSession(UUID id, String repository, long size, byte[] hashState, String driverState,
        OffsetDateTime startedAt, UUID claim) {}
