package io.berth.jobs.retention;

import io.agroal.api.AgroalDataSource;
import io.berth.common.retention.RetentionRules.Candidate;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a retention run reads of registry-service, through its documented views ({@code registry.repository_view},
 * {@code artifact_view}, {@code tag_view}, {@code artifact_reference_view}): a project's repositories, and a
 * repository's artifacts with their tags, push time and last pull time (registry-service records pulls from its own
 * pull events: {@code pull_time}). Artifacts are the repository's top-level ones, as Harbor's retention sees them: a
 * manifest an index of the repository lists, and an accessory (a manifest with a {@code subject}), go with their parent.
 */
@ApplicationScoped
public class RetentionArtifacts {
    private final AgroalDataSource db;

    RetentionArtifacts(AgroalDataSource db) {
        this.db = db;
    }

    /** The project's repositories that hold artifacts, by name. */
    public List<String> repositories(String project) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT name FROM registry.repository_view WHERE project = ? ORDER BY name")) {
            st.setString(1, project);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The repository's top-level artifacts, oldest push first, each with its tags in name order. */
    public List<Candidate> candidates(String repository) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT a.digest, a.push_time, a.pull_time, "
                        + "coalesce(array_agg(t.name ORDER BY t.name) FILTER (WHERE t.name IS NOT NULL), '{}') AS tags "
                        + "FROM registry.artifact_view a "
                        + "LEFT JOIN registry.tag_view t ON t.repository_id = a.repository_id AND t.digest = a.digest "
                        + "WHERE a.repository = ? AND a.subject_digest IS NULL AND NOT EXISTS (SELECT 1 FROM registry.artifact_reference_view r "
                        + "WHERE r.repository_id = a.repository_id AND r.child_digest = a.digest) "
                        + "GROUP BY a.digest, a.push_time, a.pull_time ORDER BY a.push_time, a.digest")) {
            st.setString(1, repository);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Array tags = rs.getArray(4);
                    candidates.add(new Candidate(rs.getString(1), List.copyOf(Arrays.asList((String[]) tags.getArray())),
                            instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))));
                }
            }
        }
        return candidates;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
