package io.berth.scanner.vuln.osv;

import io.berth.scanner.vuln.Severity;
import java.util.List;

/**
 * What Berth keeps of one OSV record for matching and for the report; the raw JSON is not kept.
 *
 * @param id          the OSV id ({@code GHSA-jfh8-c2jp-5v3q}, {@code DSA-5169-1}, {@code DEBIAN-CVE-2022-37434})
 * @param reportedId  the id a report shows, the CVE as Harbor and Trivy show it when the record names exactly one
 *                    (its id, its {@code aliases}, its {@code upstream}, or an id like {@code ALPINE-CVE-…}); else
 *                    the OSV id
 * @param aliases     the record's {@code aliases}
 * @param description {@code details}, else {@code summary}; cut at {@value OsvRecordParser#MAX_DESCRIPTION} chars
 * @param links       the osv.dev page of the record first, then its references (at most
 *                    {@value OsvRecordParser#MAX_LINKS})
 * @param cvss        the CVSS vectors and the scores computed from them
 * @param severity    the record's severity on Harbor's scale (see {@link SeverityAssessor})
 * @param cweIds      {@code database_specific.cwe_ids} (GitHub's records)
 */
public record Advisory(
        String id,
        String reportedId,
        List<String> aliases,
        String description,
        List<String> links,
        CvssScores cvss,
        Severity severity,
        List<String> cweIds) {}
