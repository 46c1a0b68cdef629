package io.berth.core.project;

import io.berth.common.error.HarborException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Harbor's project metadata keys, accepted only with values that are true of Berth, and stored as strings.
 * Berth acts on {@code public}, {@code auto_scan} and {@code auto_sbom_generation} (scan.ScanOnPush), {@code prevent_vul}
 * with {@code severity} and {@code reuse_sys_cve_allowlist} (prevent.PullVerdicts), and {@code enable_content_trust_cosign}
 * and {@code enable_content_trust} (registry-service refuses pulls of images without a cosign or Notation signature; read
 * from {@code core.content_trust_view}, db/core V27); the
 * proxy-cache keys can only say that there is no proxy cache; {@code retention_id} (the project's tag retention
 * policy, set by {@code POST /retentions}) is taken as a whole number here and may only repeat the project's own
 * ({@link #refuseRetentionChange}). A null value is no value. Anything else is a 400 naming the key.
 */
public final class ProjectMetadata {
    /** Switches of features Berth does not have yet, which can only be off (none at the moment). */
    private static final Map<String, String> NOT_AVAILABLE = Map.of();
    private static final Set<String> BOOLEANS = Set.of("public", "reuse_sys_cve_allowlist", "auto_scan", "auto_sbom_generation",
            "enable_content_trust", "enable_content_trust_cosign", "prevent_vul");
    /** What each proxy-cache key may say of a project that is no proxy cache: off, unlimited, no filter. */
    private static final Map<String, Set<String>> PROXY = Map.of(
            "proxy_cache_local_on_not_found", Set.of("false"),
            "proxy_referrer_api", Set.of("false"),
            "proxy_speed_kb", Set.of("-1", "0"),
            "max_upstream_conn", Set.of("-1", "0"),
            "proxy_cache_filter_pattern", Set.of(""),
            "proxy_cache_filter_kind", Set.of(""));
    public static final String RETENTION_ID = "retention_id";
    private static final Set<String> SEVERITIES = Set.of("none", "low", "medium", "high", "critical");

    private ProjectMetadata() {}

    /** Checks and normalises metadata from a request ({@code "true"}/{@code true} both accepted). */
    public static Map<String, String> validate(Map<String, Object> metadata) {
        Map<String, String> valid = new HashMap<>();
        if (metadata == null) {
            return valid;
        }
        for (var e : metadata.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String key = e.getKey();
            String value = String.valueOf(e.getValue()).trim().toLowerCase();
            if (BOOLEANS.contains(key) || NOT_AVAILABLE.containsKey(key)) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw HarborException.badRequest("metadata " + key + " must be true or false, not " + e.getValue());
                }
                if (value.equals("true") && NOT_AVAILABLE.containsKey(key)) {
                    throw HarborException.badRequest("metadata " + key + ": " + NOT_AVAILABLE.get(key)
                            + " is not available yet in Berth; " + key + " can only be false");
                }
            } else if (key.equals("severity")) {
                if (!SEVERITIES.contains(value)) {
                    throw HarborException.badRequest("metadata severity must be one of " + new TreeSet<>(SEVERITIES));
                }
            } else if (PROXY.containsKey(key)) {
                if (!PROXY.get(key).contains(value)) {
                    throw HarborException.badRequest("metadata " + key + ": proxy-cache projects are not supported yet in Berth; "
                            + key + " can only be " + PROXY.get(key).stream().map(v -> "'" + v + "'").sorted().toList());
                }
            } else if (key.equals(RETENTION_ID)) {
                if (!value.matches("\\d{1,18}")) {
                    throw HarborException.badRequest("metadata retention_id must be a retention policy's id, not " + e.getValue());
                }
            } else {
                throw HarborException.badRequest("unknown project metadata key " + key + "; supported: " + supported());
            }
            valid.put(key, value);
        }
        return valid;
    }

    /**
     * 400 unless {@code metadata} leaves {@code retention_id} out or repeats {@code current} (null: the project has no
     * policy): the key is set by creating the project's policy ({@code POST /api/v2.0/retentions}), never by hand.
     */
    public static void refuseRetentionChange(Map<String, String> metadata, String current) {
        String given = metadata.get(RETENTION_ID);
        if (given != null && !given.equals(current)) {
            throw HarborException.badRequest("metadata retention_id is set by creating the project's retention policy (POST /api/v2.0/retentions)"
                    + (current == null ? "; this project has none" : "; this project's is " + current));
        }
    }

    private static Set<String> supported() {
        Set<String> keys = new TreeSet<>(BOOLEANS);
        keys.addAll(NOT_AVAILABLE.keySet());
        keys.addAll(PROXY.keySet());
        keys.add("severity");
        keys.add(RETENTION_ID);
        return keys;
    }
}
