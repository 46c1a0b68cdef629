package io.berth.scanner.api;

import java.util.List;
import java.util.Locale;

/** The MIME types of the adapter API: what the scanner consumes, the reports it produces, its bodies. */
public final class ReportTypes {
    public static final String VULNERABILITY = "application/vnd.security.vulnerability.report; version=1.1";
    public static final String VULNERABILITY_NATIVE = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
    public static final String SBOM = "application/vnd.security.sbom.report+json; version=1.0";
    public static final String SPDX = "application/spdx+json";
    public static final String CYCLONEDX = "application/vnd.cyclonedx+json";
    public static final String METADATA = "application/vnd.scanner.adapter.metadata+json; version=1.1";
    public static final String SCAN_RESPONSE = "application/vnd.scanner.adapter.scan.response+json; version=1.0";
    public static final String ERROR = "application/vnd.scanner.adapter.error+json; version=1.0";
    public static final List<String> CONSUMES = List.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    public static final List<String> SBOM_FORMATS = List.of(SPDX, CYCLONEDX);

    private ReportTypes() {}

    /** {@code a/b; version=1.1} and {@code a/b;version=1.1} are the same type. */
    static String normalize(String mimeType) {
        return mimeType.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }
}
