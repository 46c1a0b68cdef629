package io.berth.core.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.error.HarborException;
import java.util.List;
import java.util.Map;

/**
 * Harbor's ProjectReq: {@code project_name}, {@code public} (deprecated in Harbor, still accepted),
 * {@code metadata}, and three fields Berth refuses unless they ask for what it does: {@code storage_limit}
 * (-1, no quota), {@code registry_id} (0, no proxy cache) and {@code cve_allowlist} (no items).
 */
public record ProjectRequest(@JsonProperty("project_name") String projectName, @JsonProperty("public") Boolean isPublic,
        @JsonProperty("metadata") Map<String, Object> metadata, @JsonProperty("storage_limit") Long storageLimit,
        @JsonProperty("registry_id") Long registryId, @JsonProperty("cve_allowlist") CveAllowlist cveAllowlist) {

    /** Harbor's CVEAllowlist; only its items matter here. */
    public record CveAllowlist(List<Object> items) {}

    /** 400 for a setting Berth would accept and not act on. */
    public void refuseUnsupported() {
        if (storageLimit != null && storageLimit != -1) {
            throw HarborException.badRequest("storage_limit: storage quotas are not supported yet in Berth; storage_limit can only be -1 "
                    + "(unlimited) or left out");
        }
        if (registryId != null && registryId != 0) {
            throw HarborException.badRequest("registry_id: proxy-cache projects are not supported yet in Berth; leave registry_id out");
        }
        if (cveAllowlist != null && cveAllowlist.items() != null && !cveAllowlist.items().isEmpty()) {
            throw HarborException.badRequest("cve_allowlist: CVE allowlists are not supported yet in Berth (it does not scan); "
                    + "send no items");
        }
    }
}
