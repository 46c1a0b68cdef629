package io.berth.core.securityhub;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.scan.ReportSummary;
import io.berth.core.views.SecurityHubViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Harbor's security hub over the newest vulnerability report of each artifact: the findings filtered by Harbor's {@code q}
 * keys (exact values; {@code cvss_score_v3} a range {@code [from~to]}, either end open) and the summary with its top lists.
 * A key Harbor does not take, or a value of the wrong kind, is a 400 before anything is read.
 */
@ApplicationScoped
public class SecurityHubService {
    /** How many dangerous CVEs and artifacts the summary lists (Harbor's top five). */
    static final int TOP = 5;
    /** Harbor's filter keys and the column each compares. */
    static final Map<String, String> TEXT_KEYS = Map.of("cve_id", "v.cve_id", "severity", "v.severity", "repository_name", "s.repository",
            "package", "v.package", "digest", "s.digest");

    private final SecurityHubViews views;

    SecurityHubService(SecurityHubViews views) {
        this.views = views;
    }

    /** One page of the findings {@code q} selects, with the total ({@code -1} above a thousand when {@code tuneCount}). */
    public Page<VulnerabilityItem> vulnerabilities(String q, Paging paging, boolean tuneCount, boolean withTag) {
        Map<String, Object> params = new HashMap<>();
        String where = where(Query.parse(q), params);
        long total = views.countVulnerabilities(where, params, tuneCount);
        List<VulnerabilityItem> items = total == 0 ? List.of() : views.vulnerabilities(where, params, withTag, paging).stream()
                .map(f -> new VulnerabilityItem(f.projectId(), f.repository(), f.digest(), f.tags(), f.cveId(), f.severity(), f.cvssScoreV3(),
                        f.packageName(), f.version(), f.fixedVersion(), f.description(), f.links()))
                .toList();
        return new Page<>(items, total);
    }

    public SecuritySummary summary(boolean withDangerousCve, boolean withDangerousArtifact) {
        SecurityHubViews.SeverityCounts c = views.counts();
        long total = c.critical() + c.high() + c.medium() + c.low() + c.none() + c.unknown();
        List<SecuritySummary.DangerousCve> cves = !withDangerousCve ? null : views.dangerousCves(TOP).stream()
                .map(v -> new SecuritySummary.DangerousCve(v.cveId(), v.severity(), v.cvssScoreV3(), v.description(), v.packageName(), v.version()))
                .toList();
        List<SecuritySummary.DangerousArtifact> artifacts = !withDangerousArtifact ? null : views.dangerousArtifacts(TOP).stream()
                .map(a -> new SecuritySummary.DangerousArtifact(a.projectId(), a.repository(), a.digest(), a.critical(), a.high(), a.medium()))
                .toList();
        return new SecuritySummary(c.critical(), c.high(), c.medium(), c.low(), c.none(), c.unknown(), total, views.scannedArtifacts(),
                views.artifacts(), c.fixable(), cves, artifacts);
    }

    static String where(Query query, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        for (var entry : query.conditions().entrySet()) {
            String key = entry.getKey();
            Query.Condition condition = entry.getValue();
            String p = "q" + clauses.size();
            if (key.equals("cvss_score_v3")) {
                if (!(condition instanceof Query.Range range)) {
                    throw HarborException.badRequest("keyword: cvss_score_v3 takes a range [from~to], e.g. cvss_score_v3=[7.0~10.0]");
                }
                clauses.add(range(range, p, params));
                continue;
            }
            if (!(condition instanceof Query.Exact exact)) {
                if (TEXT_KEYS.containsKey(key) || key.equals("project_id") || key.equals("tag")) {
                    throw HarborException.badRequest("keyword: " + key + " takes an exact value (" + key + "=value), not a range, set or fuzzy match");
                }
                throw unknown(key);
            }
            String value = exact.value();
            switch (key) {
                case "project_id" -> {
                    clauses.add("s.project_id = :" + p);
                    params.put(p, projectId(value));
                }
                case "tag" -> {
                    clauses.add(SecurityHubViews.tagged(p));
                    params.put(p, value);
                }
                case "severity" -> {
                    String severity = ReportSummary.known(value);
                    if (!severity.equalsIgnoreCase(value.trim())) {
                        throw HarborException.badRequest("keyword: severity is one of " + ReportSummary.SEVERITIES + ", not '" + value + "'");
                    }
                    clauses.add("v.severity = :" + p);
                    params.put(p, severity);
                }
                default -> {
                    String column = TEXT_KEYS.get(key);
                    if (column == null) {
                        throw unknown(key);
                    }
                    clauses.add(column + " = :" + p);
                    params.put(p, value);
                }
            }
        }
        return clauses.isEmpty() ? "true" : String.join(" AND ", clauses);
    }

    private static String range(Query.Range range, String p, Map<String, Object> params) {
        Double from = score(range.from());
        Double to = score(range.to());
        if (from == null && to == null) {
            throw HarborException.badRequest("keyword: cvss_score_v3 needs at least one end of its range [from~to]");
        }
        if (from != null && to != null && from > to) {
            throw HarborException.badRequest("keyword: cvss_score_v3 range [" + range.from() + "~" + range.to() + "] starts above its end");
        }
        List<String> ends = new ArrayList<>();
        if (from != null) {
            ends.add("v.cvss_score_v3 >= :" + p + "f");
            params.put(p + "f", from);
        }
        if (to != null) {
            ends.add("v.cvss_score_v3 <= :" + p + "t");
            params.put(p + "t", to);
        }
        return String.join(" AND ", ends);
    }

    private static Double score(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            double score = Double.parseDouble(value);
            if (score >= 0 && score <= 10) {
                return score;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HarborException.badRequest("keyword: cvss_score_v3 bounds are scores from 0 to 10, not '" + value + "'");
    }

    private static long projectId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw HarborException.badRequest("keyword: project_id is a project's numeric id, not '" + value + "'");
        }
    }

    private static HarborException unknown(String key) {
        return HarborException.badRequest("keyword: " + key + " is not allowed; the keys are cve_id, cvss_score_v3, severity, "
                + "repository_name, project_id, package, tag, digest");
    }
}
