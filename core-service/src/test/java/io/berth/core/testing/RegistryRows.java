package io.berth.core.testing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** Rows in registry-service's tables, as a push would leave them, for core tests that read the views. */
public final class RegistryRows {
    private RegistryRows() {}

    public static void repositoryWithManifest(String repository) throws Exception {
        String project = repository.substring(0, repository.indexOf('/'));
        String blob = "sha256:" + "b".repeat(48) + Integer.toHexString(repository.hashCode() | 0x10000000).substring(0, 8) + "00000000";
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            exec(c, "INSERT INTO registry.repository (name, project) VALUES (?, ?)", repository, project);
            exec(c, "INSERT INTO registry.blob (digest, size) VALUES (?, 123) ON CONFLICT DO NOTHING", blob);
            exec(c, "INSERT INTO registry.project_blob (project, digest, size) VALUES (?, ?, 123)", project, blob);
            exec(c, "INSERT INTO registry.manifest (repository_id, digest, media_type, content, total_size) "
                    + "SELECT id, ?, 'application/vnd.oci.image.manifest.v1+json', '{}'::bytea, 200 FROM registry.repository WHERE name = ?",
                    "sha256:" + "a".repeat(56) + Integer.toHexString(repository.hashCode() | 0x10000000).substring(0, 8), repository);
        }
    }

    /** A blob of {@code size} bytes counted in the project's usage. */
    public static void projectBlob(String project, String digest, long size) throws Exception {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            exec(c, "INSERT INTO registry.blob (digest, size) VALUES (?, ?) ON CONFLICT DO NOTHING", digest, size);
            exec(c, "INSERT INTO registry.project_blob (project, digest, size) VALUES (?, ?, ?)", project, digest, size);
        }
    }

    /** A manifest with its exact bytes (and its blobs, counted in the project's usage) in a repository created if absent. */
    public static void manifest(String repository, String digest, String mediaType, String content, long size) throws Exception {
        String project = repository.substring(0, repository.indexOf('/'));
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            exec(c, "INSERT INTO registry.repository (name, project) VALUES (?, ?) ON CONFLICT DO NOTHING", repository, project);
            exec(c, "INSERT INTO registry.manifest (repository_id, digest, media_type, content, total_size) "
                    + "SELECT id, ?, ?, ?, ? FROM registry.repository WHERE name = ?", digest, mediaType,
                    content.getBytes(java.nio.charset.StandardCharsets.UTF_8), size, repository);
        }
    }

    /** A manifest with an OCI artifact type and a subject (a referrer: a signature, an SBOM), in an existing repository. */
    public static void referrer(String repository, String digest, String artifactType, String subject, long size) throws Exception {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            exec(c, "INSERT INTO registry.manifest (repository_id, digest, media_type, artifact_type, subject_digest, content, total_size) "
                    + "SELECT id, ?, 'application/vnd.oci.image.manifest.v1+json', ?, ?, ?, ? FROM registry.repository WHERE name = ?", digest,
                    artifactType, subject, ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\"},"
                            + "\"layers\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8), size, repository);
        }
    }

    public static void tag(String repository, String tag, String digest) throws Exception {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            exec(c, "INSERT INTO registry.tag (repository_id, name, manifest_digest) SELECT id, ?, ? FROM registry.repository WHERE name = ?",
                    tag, digest, repository);
        }
    }

    /** An index listing a manifest of the same repository. */
    public static void child(String repository, String parent, String child) throws Exception {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            exec(c, "INSERT INTO registry.manifest_child (repository_id, parent_digest, child_digest) "
                    + "SELECT id, ?, ? FROM registry.repository WHERE name = ?", parent, child, repository);
        }
    }

    /** What registry-service's deletion of a manifest (by digest) leaves: no manifest, no tags of it. */
    public static void deleteManifest(String repository, String digest) throws Exception {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            exec(c, "DELETE FROM registry.tag WHERE manifest_digest = ? AND repository_id = (SELECT id FROM registry.repository WHERE name = ?)",
                    digest, repository);
            exec(c, "DELETE FROM registry.manifest WHERE digest = ? AND repository_id = (SELECT id FROM registry.repository WHERE name = ?)",
                    digest, repository);
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        }
    }
}
