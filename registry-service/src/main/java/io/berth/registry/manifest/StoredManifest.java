package io.berth.registry.manifest;

/**
 * A manifest as stored: its digest, media type and exact bytes; for a pull, also {@code pullRefusal}, why a project policy
 * refuses it (Harbor's message; {@link io.berth.registry.policy.PullPolicies}), and {@code unsigned}, the kind of signature
 * it lacks under its project's content trust policy ({@code cosign}, {@code notation}; {@link
 * io.berth.registry.signature.ContentTrust}); each null when none, or not asked.
 */
public record StoredManifest(long repositoryId, String digest, String mediaType, byte[] content, String subjectDigest,
        long totalSize, String pullRefusal, String unsigned) {}
