package io.berth.registry.manifest;

/**
 * A manifest as stored: its digest, media type and exact bytes, and {@code pullRefusal}: why a project policy refuses
 * its pull (Harbor's message), or null ({@link io.berth.registry.policy.PullPolicies}).
 */
public record StoredManifest(long repositoryId, String digest, String mediaType, byte[] content, String subjectDigest,
        long totalSize, String pullRefusal) {}
