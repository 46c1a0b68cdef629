package io.berth.core.project;

import io.berth.core.api.HarborException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Harbor's project metadata keys and their allowed values; everything is stored as a string. */
public final class ProjectMetadata {
    private static final Set<String> BOOLEAN_KEYS = Set.of("public", "auto_scan", "prevent_vul", "enable_content_trust",
            "enable_content_trust_cosign", "reuse_sys_cve_allowlist", "auto_sbom_generation");
    private static final Set<String> SEVERITIES = Set.of("none", "low", "medium", "high", "critical");

    private ProjectMetadata() {}

    /** Checks and normalises metadata from a request ({@code "true"}/{@code true} both accepted). */
    public static Map<String, String> validate(Map<String, Object> metadata) {
        Map<String, String> valid = new HashMap<>();
        if (metadata == null) {
            return valid;
        }
        for (var e : metadata.entrySet()) {
            String key = e.getKey();
            String value = String.valueOf(e.getValue()).trim().toLowerCase();
            if (BOOLEAN_KEYS.contains(key)) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw HarborException.badRequest("metadata " + key + " must be true or false, not " + e.getValue());
                }
            } else if (key.equals("severity")) {
                if (!SEVERITIES.contains(value)) {
                    throw HarborException.badRequest("metadata severity must be one of " + SEVERITIES);
                }
            } else if (!key.equals("retention_id") && !key.equals("proxy_speed_kb")) {
                throw HarborException.badRequest("unknown project metadata key " + key);
            }
            valid.put(key, value);
        }
        return valid;
    }
}
