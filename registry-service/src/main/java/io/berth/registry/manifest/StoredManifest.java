package io.berth.registry.manifest;

/** A manifest as stored: its digest, media type and exact bytes. */
public record StoredManifest(long repositoryId, String digest, String mediaType, byte[] content, String subjectDigest,
        long totalSize) {}
