/**
 * Scrub (docs/scrub.md): re-reading stored blobs to find those whose bytes no longer match their digest, and
 * quarantining them. jobservice's {@code SCRUB} job pages through {@link io.berth.registry.scrub.ScrubRoutes} in digest
 * order; {@link io.berth.registry.scrub.Scrubber} streams each blob through its hash at the job's rate
 * ({@link io.berth.registry.scrub.Throttle}); {@link io.berth.registry.scrub.Quarantine} checks a mismatch again with
 * the blob's row locked, marks it and writes a {@code BLOB_QUARANTINED} event to the outbox in the same transaction.
 * A quarantined blob is not served ({@link io.berth.registry.blob.BlobLinks#readable}) nor mounted; an upload of its
 * digest stores the bytes afresh and ends the quarantine ({@link io.berth.registry.upload.UploadService#complete}).
 */
package io.berth.registry.scrub;
