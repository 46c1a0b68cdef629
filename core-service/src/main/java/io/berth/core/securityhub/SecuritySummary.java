package io.berth.core.securityhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Harbor's SecuritySummary: the findings of the newest vulnerability report of every artifact counted per severity
 * ({@code none_cnt} holds None and Negligible), those with a fix, the artifacts scanned of all there are, and the top
 * five CVEs (by CVSS v3 score) and artifacts (by critical, high, medium, low counts) unless left out.
 */
public record SecuritySummary(@JsonProperty("critical_cnt") long criticalCnt, @JsonProperty("high_cnt") long highCnt,
        @JsonProperty("medium_cnt") long mediumCnt, @JsonProperty("low_cnt") long lowCnt, @JsonProperty("none_cnt") long noneCnt,
        @JsonProperty("unknown_cnt") long unknownCnt, @JsonProperty("total_vuls") long totalVuls,
        @JsonProperty("scanned_cnt") long scannedCnt, @JsonProperty("total_artifact") long totalArtifact,
        @JsonProperty("fixable_cnt") long fixableCnt,
        @JsonProperty("dangerous_cves") List<DangerousCve> dangerousCves,
        @JsonProperty("dangerous_artifacts") List<DangerousArtifact> dangerousArtifacts) {

    /** Harbor's DangerousCVE. */
    public record DangerousCve(@JsonProperty("cve_id") String cveId, String severity, @JsonProperty("cvss_score_v3") double cvssScoreV3,
            String desc, @JsonProperty("package") String packageName, String version) {}

    /** Harbor's DangerousArtifact. */
    public record DangerousArtifact(@JsonProperty("project_id") long projectId, @JsonProperty("repository_name") String repositoryName,
            String digest, @JsonProperty("critical_cnt") long criticalCnt, @JsonProperty("high_cnt") long highCnt,
            @JsonProperty("medium_cnt") long mediumCnt) {}
}
