package io.berth.core.project;

import io.berth.core.allowlist.CveAllowlist;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Harbor's Project as the API returns it (with its own {@code cve_allowlist}), and Berth's {@code storage_used}: the bytes
 * its blobs take, each counted once. {@code registry_id} is the upstream endpoint of a proxy-cache project, absent for an
 * ordinary one (as in Harbor).
 */
public record ProjectView(long projectId, Long ownerId, String name, String ownerName, OffsetDateTime creationTime,
        OffsetDateTime updateTime, boolean deleted, boolean togglable, Integer currentUserRoleId,
        List<Integer> currentUserRoleIds, long repoCount, Map<String, String> metadata, long storageUsed,
        Long registryId, CveAllowlist cveAllowlist) {}
