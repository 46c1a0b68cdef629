package io.berth.common.event;

import java.time.Instant;
import java.util.List;

/**
 * Something happened to an artifact in the registry. registry-service writes these to its outbox
 * in the same transaction as the change and relays them to the Redis stream {@link #STREAM};
 * consumers (core's audit log, replication and scan triggers, webhooks) may see one twice and
 * deduplicate by {@link #id}.
 */
public record RegistryEvent(
        String id,
        Type type,
        String repository,
        String project,
        String digest,
        List<String> tags,
        String mediaType,
        long size,
        String actor,
        Instant occurredAt,
        String requestId) {

    public static final String STREAM = "berth:events:registry";

    /**
     * What happened. {@code BLOB_QUARANTINED}: a scrub found that the stored bytes of blob {@link #digest} ({@link #size}
     * bytes) no longer match it (or are gone); pulls of it are refused until it is pushed again. One event per
     * repository that links the blob ({@link #repository}, {@link #project}), or one with an empty repository when none
     * does; {@code mediaType} and {@code tags} are empty, {@link #actor} is {@code scrub}.
     */
    public enum Type { PUSH_ARTIFACT, PULL_ARTIFACT, DELETE_ARTIFACT, BLOB_QUARANTINED }
}
