package io.berth.core.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.quota.QuotaService;
import io.berth.common.error.HarborException;
import java.util.List;
import java.util.Map;

/**
 * Harbor's ProjectReq: {@code project_name}, {@code public} (deprecated in Harbor, still accepted),
 * {@code metadata}, {@code storage_limit} (the project's storage hard limit in bytes, -1 unlimited; kept as JSON
 * so that a fraction or a string is refused, not rounded), {@code registry_id} (the upstream registry endpoint of a
 * proxy-cache project; 0 or absent: none), and {@code cve_allowlist}, refused unless it has no items.
 */
public record ProjectRequest(@JsonProperty("project_name") String projectName, @JsonProperty("public") Boolean isPublic,
        @JsonProperty("metadata") Map<String, Object> metadata, @JsonProperty("storage_limit") JsonNode storageLimit,
        @JsonProperty("registry_id") Long registryId, @JsonProperty("cve_allowlist") CveAllowlist cveAllowlist) {

    /** Harbor's CVEAllowlist; only its items matter here. */
    public record CveAllowlist(List<Object> items) {}

    /** The storage limit asked for, or null if left out; 400 if it is not an integer of -1 or more. */
    public Long storageLimitBytes() {
        return storageLimit == null || storageLimit.isMissingNode() ? null : QuotaService.storageLimit("storage_limit", storageLimit);
    }

    /** 400 for a setting Berth would accept and not act on. */
    public void refuseUnsupported() {
        if (cveAllowlist != null && cveAllowlist.items() != null && !cveAllowlist.items().isEmpty()) {
            throw HarborException.badRequest("cve_allowlist: CVE allowlists are not supported yet in Berth (it does not scan); "
                    + "send no items");
        }
    }
}
