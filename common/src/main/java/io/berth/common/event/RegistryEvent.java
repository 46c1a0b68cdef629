package io.berth.common.event;

import java.time.Instant;
import java.util.List;

/**
 * Something happened to an artifact in the registry, or to a project's storage quota because of a push
 * ({@link Type#QUOTA_WARNING}, {@link Type#QUOTA_EXCEED}: {@link #size} is the bytes the push adds, {@link #details}
 * Harbor's text naming the hard limit and the usage). registry-service writes these to its outbox
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
        String requestId,
        String details) {

    public static final String STREAM = "berth:events:registry";

    /**
     * What happened. A consumer that acts on artifacts checks the type: quota events name the artifact a push was
     * storing, which may not be stored ({@code QUOTA_EXCEED}: the push was refused).
     */
    public enum Type {
        PUSH_ARTIFACT, PULL_ARTIFACT, DELETE_ARTIFACT,
        /** A push took the project's usage to 85 % of its hard limit or above (from below). */
        QUOTA_WARNING,
        /** A push was refused: it would have taken the project's usage above its hard limit. */
        QUOTA_EXCEED,
        /**
         * A scrub found that the stored bytes of blob {@link #digest} ({@link #size} bytes) no longer match it (or are
         * gone); pulls of it are refused until it is pushed again. One event per repository that links the blob
         * ({@link #repository}, {@link #project}), or one with an empty repository when none does; {@code mediaType}
         * and {@code tags} are empty, {@link #actor} is {@code scrub}.
         */
        BLOB_QUARANTINED,
        /**
         * A tag retention run (not a dry run) of project {@link #project} ended (written by jobservice, not the registry):
         * {@link #repository} is empty, {@link #actor} the run's trigger ({@code MANUAL}, {@code SCHEDULE}),
         * {@link #details} the run as JSON text ({@link io.berth.common.webhook.WebhookPayloads#retentionEventData}
         * reads it). Each artifact it deleted has its own {@link #DELETE_ARTIFACT} event from the registry.
         */
        TAG_RETENTION;

        /** Whether the event is about a project's quota rather than a change to an artifact. */
        public boolean isQuota() {
            return this == QUOTA_WARNING || this == QUOTA_EXCEED;
        }
    }

    /** An artifact event (no details). */
    public RegistryEvent(String id, Type type, String repository, String project, String digest, List<String> tags,
            String mediaType, long size, String actor, Instant occurredAt, String requestId) {
        this(id, type, repository, project, digest, tags, mediaType, size, actor, occurredAt, requestId, null);
    }
}
