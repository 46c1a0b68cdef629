package io.berth.core.allowlist;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Harbor's CVEAllowlist as the API shows it: {@code id} (0 while none is stored), {@code project_id} (0 for the system's),
 * {@code expires_at} (Unix seconds, null: never), {@code items} ({@code cve_id} each) and the times.
 */
public record CveAllowlist(long id, long projectId, Long expiresAt, List<Item> items, OffsetDateTime creationTime,
        OffsetDateTime updateTime) {

    /** One allowed vulnerability id. */
    public record Item(String cveId) {}

    /** The empty list of a project (0: the system) that has stored none. */
    public static CveAllowlist empty(long projectId) {
        return new CveAllowlist(0, projectId, null, List.of(), null, null);
    }

    /** The ids it covers at {@code now}: none once it has expired. */
    public Set<String> coveredAt(Instant now) {
        Set<String> ids = new LinkedHashSet<>();
        if (expiresAt == null || now.getEpochSecond() < expiresAt) {
            items.forEach(i -> ids.add(i.cveId()));
        }
        return ids;
    }

    /** When it stops covering anything, or null if never. */
    public Instant expiry() {
        return expiresAt == null ? null : Instant.ofEpochSecond(expiresAt);
    }
}
