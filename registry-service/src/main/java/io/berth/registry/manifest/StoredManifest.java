package io.berth.registry.manifest;

/**
 * A manifest as stored: its digest, media type and exact bytes; for a pull, also the kind of signature it lacks under its
 * project's content trust policy ({@code cosign}, {@code notation}; null: none lacking, or not asked).
 */
public record StoredManifest(long repositoryId, String digest, String mediaType, byte[] content, String subjectDigest,
        long totalSize, String unsigned) {}
