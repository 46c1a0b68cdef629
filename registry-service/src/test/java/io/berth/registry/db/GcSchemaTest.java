package io.berth.registry.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.gc.GcSchemaProbe;
import io.berth.service.db.SchemaMigrator;
import io.berth.service.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What garbage collection needs from the registry schema (V7, V8): its columns, its indexes, and plans without scans. */
class GcSchemaTest {
    private static String db;
    private static Connection c;

    @BeforeAll
    static void migrate() throws SQLException {
        db = PostgresTestDatabase.create();
        String url = PostgresTestDatabase.jdbcUrl(db);
        Flyway flyway = Flyway.configure().dataSource(url, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                .schemas("registry").createSchemas(true).locations("classpath:db/registry").load();
        c = DriverManager.getConnection(url, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
        SchemaMigrator.migrate(c, flyway);
    }

    @AfterAll
    static void drop() throws SQLException {
        c.close();
        PostgresTestDatabase.drop(db);
    }

    @Test
    void manifestsAndLinksCarryTheirLastUse() throws SQLException {
        assertThat(strings("SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
                + "FROM information_schema.columns WHERE table_schema = 'registry' "
                + "AND column_name IN ('touched_at', 'linked_at') ORDER BY 1"))
                .containsExactly("manifest.touched_at timestamp with time zone NO",
                        "repository_blob.linked_at timestamp with time zone NO");
    }

    @Test
    void dryRunMarksAreUnlogged() throws SQLException {
        assertThat(strings("SELECT relpersistence::text FROM pg_class WHERE oid = 'registry.gc_mark'::regclass"))
                .containsExactly("u");
    }

    @Test
    void theIndexesGcNeedsAreValidAndTheOneTheyReplaceIsGone() throws SQLException {
        assertThat(strings("SELECT i.relname || ' ' || x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = 'registry' "
                + "AND i.relname IN ('manifest_blob_blob_repo', 'project_blob_digest', 'manifest_blob_blob') ORDER BY 1"))
                .containsExactly("manifest_blob_blob_repo true", "project_blob_digest true");
    }

    @Test
    void candidateQueriesScanNeitherManifestBlobNorProjectBlob() throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
        }
        for (String plan : List.of(GcSchemaProbe.manifestCandidatesPlan(c), GcSchemaProbe.linkCandidatesPlan(c),
                GcSchemaProbe.blobCandidatesPlan(c))) {
            assertThat(plan).doesNotContain("Seq Scan on manifest_blob").doesNotContain("Seq Scan on project_blob");
        }
        String deleteBlob = plan("EXPLAIN SELECT 1 FROM registry.project_blob WHERE digest = 'sha256:00'")
                + plan("EXPLAIN SELECT 1 FROM registry.manifest_blob WHERE blob_digest = 'sha256:00'");
        assertThat(deleteBlob).as("the FK checks of DELETE FROM blob").doesNotContain("Seq Scan");
    }

    private static String plan(String explain) throws SQLException {
        return String.join("\n", strings(explain));
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
