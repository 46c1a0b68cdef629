package io.berth.core.allowlist;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.HarborException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Harbor's CVEAllowlist as a request (system {@code PUT /system/CVEAllowlist}, a project's {@code cve_allowlist}): only
 * {@code expires_at} and {@code items} are read ({@code id}, {@code project_id} and the times are the server's). Kept as
 * JSON so that a wrong type is a 400 naming the field, not a coercion.
 */
public record CveAllowlistRequest(JsonNode expiresAt, JsonNode items) {
    /** CVE ids (CVE-2021-44228) and GitHub advisories (GHSA-jfh8-c2jp-5v3q), the ids scanners report. */
    private static final Pattern ID = Pattern.compile("CVE-\\d{4}-\\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}");
    /** At most this many items (a list is read whole on each verdict). */
    static final int MAX_ITEMS = 10_000;

    /** A checked request: the expiry (null: never) and the ids, in order, each once. */
    public record Valid(Long expiresAt, List<String> ids) {}

    /** The request checked, or a 400 saying what is wrong with it; {@code field} names it in messages. */
    public Valid validate(String field) {
        Long expiry = null;
        if (expiresAt != null && !expiresAt.isNull()) {
            if (!expiresAt.isIntegralNumber() || !expiresAt.canConvertToLong() || expiresAt.asLong() <= 0) {
                throw HarborException.badRequest(field + ".expires_at must be a Unix time in seconds (a positive integer) or null, not "
                        + expiresAt);
            }
            expiry = expiresAt.asLong();
        }
        List<String> ids = new ArrayList<>();
        if (items != null && !items.isNull()) {
            if (!items.isArray()) {
                throw HarborException.badRequest(field + ".items must be a list of {\"cve_id\": ...}");
            }
            if (items.size() > MAX_ITEMS) {
                throw HarborException.badRequest(field + ".items: at most " + MAX_ITEMS + " items");
            }
            Set<String> seen = new HashSet<>();
            for (JsonNode item : items) {
                JsonNode id = item.path("cve_id");
                if (!id.isTextual()) {
                    throw HarborException.badRequest(field + ".items: each item needs a cve_id string, not " + item);
                }
                String cve = id.asText().trim();
                if (!ID.matcher(cve).matches()) {
                    throw HarborException.badRequest(field + ".items: invalid CVE ID format: '" + cve
                            + "' (CVE-YYYY-NNNN or GHSA-xxxx-xxxx-xxxx)");
                }
                if (!seen.add(cve)) {
                    throw HarborException.badRequest(field + ".items: duplicate CVE ID in allowlist: " + cve);
                }
                ids.add(cve);
            }
        }
        return new Valid(expiry, ids);
    }
}
