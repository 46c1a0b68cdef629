package io.berth.common.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What core sends jobservice to scan artifacts ({@code POST /jobs/scan/executions}): one execution of {@code vendorType}
 * ({@link #KIND} for one artifact's scan, {@link #ALL_KIND} for a scan-all, whose {@code vendorId} is its schedule, 0 when
 * manual) with one {@code SCAN} task per {@link Scan}. Each scan names the report core has recorded for it
 * ({@code reportId}): jobservice posts the finished report to core under that id, so a task tried again stores one report.
 * The adapter's credential travels sealed with {@code secret_key_file} and is opened only to call it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScanJobRequest(String vendorType, long vendorId, String trigger, List<Scan> scans) {

    /** A scan of one artifact: Harbor's vendor type, and jobservice's task kind of every scan. */
    public static final String KIND = "SCAN";
    /** Harbor's vendor type of a scan of every artifact. */
    public static final String ALL_KIND = "SCAN_ALL";

    /** One artifact to scan with one adapter, for one report MIME type. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Scan(String reportId, Adapter adapter, String repository, String digest, String tag, String mediaType, String reportMimeType) {}

    /** The scanner registration the scan calls. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Adapter(String uuid, String name, String url, String auth, String sealedCredential, boolean skipCertVerify,
            boolean useInternalAddr) {}

    /** The reason this request cannot run, or null when it can. */
    public String problem() {
        if (!KIND.equals(vendorType) && !ALL_KIND.equals(vendorType)) {
            return "vendor_type must be " + KIND + " or " + ALL_KIND;
        }
        if (scans == null) {
            return "scans are required";
        }
        if (KIND.equals(vendorType) && scans.size() != 1) {
            return "a " + KIND + " execution scans one artifact";
        }
        for (Scan s : scans) {
            if (s == null || s.reportId() == null || s.adapter() == null || s.adapter().url() == null || s.repository() == null
                    || s.digest() == null || s.reportMimeType() == null) {
                return "every scan needs report_id, adapter.url, repository, digest and report_mime_type";
            }
        }
        return null;
    }
}
