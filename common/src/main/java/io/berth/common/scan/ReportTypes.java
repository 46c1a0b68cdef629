package io.berth.common.scan;

import java.util.List;

/**
 * Harbor's scan types and report MIME types. A vulnerability scan asks the adapter for the first of {@link #VULNERABILITY_REPORTS}
 * it produces; Harbor's {@code scan_overview} is keyed by the report's MIME type.
 */
public final class ReportTypes {
    public static final String VULNERABILITY = "vulnerability";
    public static final String SBOM = "sbom";

    /** Harbor's native vulnerability report (spec v1.1). */
    public static final String NATIVE_V11 = "application/vnd.security.vulnerability.report; version=1.1";
    /** The spec's Harbor vulnerability report (v1.0 adapters). */
    public static final String ADAPTER_V10 = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
    /** Harbor's SBOM report (spec v1.2). */
    public static final String SBOM_REPORT = "application/vnd.security.sbom.report+json; version=1.0";

    /** Harbor's SBOM accessory: the artifact type (and config media type) of the OCI artifact whose subject is the image. */
    public static final String SBOM_ACCESSORY = "application/vnd.goharbor.harbor.sbom.v1";
    /** The SBOM format Harbor asks adapters for ({@code sbom_media_types}) and stores in the accessory. */
    public static final String SPDX_JSON = "application/spdx+json";

    /** The vulnerability report types Berth reads, preferred first. */
    public static final List<String> VULNERABILITY_REPORTS = List.of(NATIVE_V11, ADAPTER_V10);

    /** The artifacts Berth has adapters scan: image manifests (an index is scanned through its images). */
    public static final List<String> SCANNABLE = List.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private ReportTypes() {}

    /** The report type to ask for: the first of {@link #VULNERABILITY_REPORTS} (or the SBOM report) the adapter produces; null if none. */
    public static String wanted(AdapterMetadata metadata, String scanType, String mediaType) {
        List<String> produced = metadata.produces(scanType, mediaType);
        List<String> preferred = scanType.equals(SBOM) ? List.of(SBOM_REPORT) : VULNERABILITY_REPORTS;
        return preferred.stream().filter(produced::contains).findFirst().orElse(null);
    }
}
