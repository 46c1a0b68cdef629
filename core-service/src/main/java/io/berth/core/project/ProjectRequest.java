package io.berth.core.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.allowlist.CveAllowlistRequest;
import io.berth.core.quota.QuotaService;
import java.util.Map;

/**
 * Harbor's ProjectReq: {@code project_name}, {@code public} (deprecated in Harbor, still accepted),
 * {@code metadata}, {@code storage_limit} (the project's storage hard limit in bytes, -1 unlimited; kept as JSON
 * so that a fraction or a string is refused, not rounded), {@code registry_id} (the upstream registry endpoint of a
 * proxy-cache project; 0 or absent: none) and {@code cve_allowlist} (the project's own CVE allowlist, used when
 * {@code reuse_sys_cve_allowlist} is false).
 */
public record ProjectRequest(@JsonProperty("project_name") String projectName, @JsonProperty("public") Boolean isPublic,
        @JsonProperty("metadata") Map<String, Object> metadata, @JsonProperty("storage_limit") JsonNode storageLimit,
        @JsonProperty("registry_id") Long registryId, @JsonProperty("cve_allowlist") CveAllowlistRequest cveAllowlist) {

    /** The storage limit asked for, or null if left out; 400 if it is not an integer of -1 or more. */
    public Long storageLimitBytes() {
        return storageLimit == null || storageLimit.isMissingNode() ? null : QuotaService.storageLimit("storage_limit", storageLimit);
    }

    /** The project's CVE allowlist checked (400 if it is wrong), or null if left out. */
    public CveAllowlistRequest.Valid validAllowlist() {
        return cveAllowlist == null ? null : cveAllowlist.validate("cve_allowlist");
    }
}
