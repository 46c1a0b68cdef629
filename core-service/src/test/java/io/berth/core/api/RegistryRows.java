package io.berth.core.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** Rows in registry-service's tables, as a push would leave them, for core tests that read the views. */
final class RegistryRows {
    private RegistryRows() {}

    static void repositoryWithManifest(String repository) throws Exception {
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

    private static void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        }
    }
}
