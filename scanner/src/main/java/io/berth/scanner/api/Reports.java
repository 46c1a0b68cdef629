package io.berth.scanner.api;

import io.berth.scanner.report.ScannerInfo;
import io.berth.scanner.report.VulnerabilityReporter;
import io.berth.scanner.sbom.CycloneDxWriter;
import io.berth.scanner.sbom.SpdxWriter;
import io.berth.scanner.scan.Scan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the scanner offers ({@code /metadata}) and how a finished scan becomes the report a caller asks for: Harbor's
 * vulnerability report (both its MIME types, the same JSON) from the {@link VulnerabilityReporter}, or Harbor's SBOM
 * report wrapping a CycloneDX 1.5 or SPDX 2.3 document (chosen by {@code sbom_media_type}). Reports are rendered from
 * the scan's inventory on each request, so a scan keeps one small inventory whatever is asked of it.
 */
@ApplicationScoped
public class Reports {
    /** A report type a request can be answered with, and how. */
    public record Rendering(String mimeType, Function<Scan, Object> render) {
        Object render(Scan scan) {
            return render.apply(scan);
        }
    }

    private final VulnerabilityReporter vulnerabilities;

    public Reports(VulnerabilityReporter vulnerabilities) {
        this.vulnerabilities = vulnerabilities;
    }

    static boolean produces(String capability, String mimeType) {
        if (ScanRequests.SBOM.equals(capability)) {
            return ReportTypes.same(mimeType, ReportTypes.SBOM);
        }
        return ReportTypes.same(mimeType, ReportTypes.VULNERABILITY) || ReportTypes.same(mimeType, ReportTypes.VULNERABILITY_NATIVE);
    }

    public Map<String, Object> metadata() {
        ScannerInfo s = ScannerInfo.BERTH;
        List<Object> capabilities = new ArrayList<>();
        if (vulnerabilities.available()) {
            capabilities.add(Map.of("type", ScanRequests.VULNERABILITY, "consumes_mime_types", ReportTypes.CONSUMES,
                    "produces_mime_types", List.of(ReportTypes.VULNERABILITY, ReportTypes.VULNERABILITY_NATIVE)));
        }
        capabilities.add(Map.of("type", ScanRequests.SBOM, "consumes_mime_types", ReportTypes.CONSUMES,
                "produces_mime_types", List.of(ReportTypes.SBOM),
                "additional_attributes", Map.of("sbom_media_types", ReportTypes.SBOM_FORMATS)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("scanner", Map.of("name", s.name(), "vendor", s.vendor(), "version", s.version()));
        metadata.put("capabilities", capabilities);
        metadata.put("properties", Map.of("harbor.scanner-adapter/scanner-type", "os-package-vulnerability",
                "harbor.scanner-adapter/inventory", "dpkg,apk,maven,npm,pypi,go"));
        return metadata;
    }

    /** The rendering {@code accept} asks for (the first type of it the scanner produces), or the refusal why not. */
    public Rendering choose(Scan scan, String accept, String sbomMediaType) {
        String wanted = null;
        if (accept == null || accept.isBlank()) {
            wanted = ReportTypes.VULNERABILITY;
        } else {
            for (String candidate : accept.split(",")) {
                String c = candidate.strip();
                if (c.equals("*/*") || c.startsWith("application/json")) {
                    wanted = ReportTypes.VULNERABILITY;
                } else if (produces(ScanRequests.VULNERABILITY, c) || produces(ScanRequests.SBOM, c)) {
                    wanted = c;
                }
                if (wanted != null) {
                    break;
                }
            }
        }
        if (wanted == null) {
            throw new AdapterException(501, "the scanner produces no report of type " + accept + "; it produces "
                    + String.join(", ", ReportTypes.VULNERABILITY, ReportTypes.VULNERABILITY_NATIVE, ReportTypes.SBOM));
        }
        if (produces(ScanRequests.SBOM, wanted)) {
            return sbom(scan, sbomMediaType);
        }
        if (!vulnerabilities.available()) {
            throw new AdapterException(501, "no vulnerability database is configured: this scanner makes SBOMs only");
        }
        if (!scan.capabilities().contains(ScanRequests.VULNERABILITY)) {
            throw new AdapterException(400, "scan " + scan.id() + " did not enable the vulnerability capability");
        }
        String mimeType = ReportTypes.same(wanted, ReportTypes.VULNERABILITY_NATIVE) ? ReportTypes.VULNERABILITY_NATIVE : ReportTypes.VULNERABILITY;
        return new Rendering(mimeType, s -> vulnerabilities.report(s.inventory(), s.request().artifact(), ScannerInfo.BERTH));
    }

    private Rendering sbom(Scan scan, String format) {
        if (!scan.capabilities().contains(ScanRequests.SBOM)) {
            throw new AdapterException(400, "scan " + scan.id() + " did not enable the sbom capability");
        }
        if (format == null || format.isBlank()) {
            throw new AdapterException(400, "an SBOM report needs ?sbom_media_type= " + String.join(" or ", ReportTypes.SBOM_FORMATS));
        }
        if (!ReportTypes.SBOM_FORMATS.contains(format)) {
            throw new AdapterException(400, "sbom_media_type " + format + " is not one of " + String.join(", ", ReportTypes.SBOM_FORMATS));
        }
        if (!scan.sbomFormats().contains(format)) {
            throw new AdapterException(400, "scan " + scan.id() + " did not ask for " + format + " SBOMs");
        }
        return new Rendering(ReportTypes.SBOM, s -> {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("generated_at", Instant.now().toString());
            report.put("artifact", s.request().artifact());
            report.put("scanner", ScannerInfo.BERTH);
            report.put("vendor_attributes", Map.of("os", s.inventory().os() == null ? "" : s.inventory().os().id()
                    + (s.inventory().os().versionId() == null ? "" : " " + s.inventory().os().versionId()),
                    "packages", s.inventory().packages().size()));
            report.put("media_type", format);
            report.put("sbom", ReportTypes.SPDX.equals(format) ? SpdxWriter.write(s.inventory(), ScannerInfo.BERTH)
                    : CycloneDxWriter.write(s.inventory(), ScannerInfo.BERTH));
            return report;
        });
    }
}
