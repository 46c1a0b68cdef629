package io.berth.core.allowlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The rows of {@code core.cve_allowlist} (db/core V20): the system's (no project) and one per project, each written whole. */
@ApplicationScoped
public class CveAllowlists {
    private final AgroalDataSource db;
    private final ObjectMapper json;

    CveAllowlists(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The system's list, empty if none is stored. */
    public CveAllowlist system() {
        return read("SELECT id, expires_at, items::text, creation_time, update_time FROM core.cve_allowlist WHERE project_id IS NULL", null);
    }

    /** A project's own list, empty if none is stored. */
    public CveAllowlist ofProject(long projectId) {
        return read("SELECT id, expires_at, items::text, creation_time, update_time FROM core.cve_allowlist WHERE project_id = ?", projectId);
    }

    /** Replaces the list of a project ({@code projectId} null: the system's). */
    public void save(Long projectId, CveAllowlistRequest.Valid list) {
        String items;
        try {
            items = json.writeValueAsString(list.ids().stream().map(id -> new CveAllowlist.Item(id)).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String sql = projectId == null
                ? "INSERT INTO core.cve_allowlist (project_id, expires_at, items) VALUES (NULL, ?, ?::jsonb) ON CONFLICT ((project_id IS NULL)) "
                        + "WHERE project_id IS NULL DO UPDATE SET expires_at = excluded.expires_at, items = excluded.items, update_time = now()"
                : "INSERT INTO core.cve_allowlist (project_id, expires_at, items) VALUES (?, ?, ?::jsonb) ON CONFLICT (project_id) "
                        + "DO UPDATE SET expires_at = excluded.expires_at, items = excluded.items, update_time = now()";
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            if (projectId != null) {
                st.setLong(i++, projectId);
            }
            if (list.expiresAt() == null) {
                st.setNull(i++, Types.BIGINT);
            } else {
                st.setLong(i++, list.expiresAt());
            }
            st.setString(i, items);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the CVE allowlist: " + e.getMessage(), e);
        }
    }

    private CveAllowlist read(String sql, Long projectId) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (projectId != null) {
                st.setLong(1, projectId);
            }
            try (ResultSet rs = st.executeQuery()) {
                long project = projectId == null ? 0 : projectId;
                if (!rs.next()) {
                    return CveAllowlist.empty(project);
                }
                long expires = rs.getLong(2);
                Long expiresAt = rs.wasNull() ? null : expires;
                List<CveAllowlist.Item> items = new ArrayList<>();
                for (JsonNode item : json.readTree(rs.getString(3))) {
                    items.add(new CveAllowlist.Item(item.path("cve_id").asText()));
                }
                return new CveAllowlist(rs.getLong(1), project, expiresAt, items, rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the CVE allowlist: " + e.getMessage(), e);
        }
    }
}
