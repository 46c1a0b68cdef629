package io.berth.common.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The spec's {@code ScannerAdapterMetadata}: the scanner, its capabilities (what artifacts it consumes, which report
 * MIME types it produces; v1.2 adds a {@code type}, {@code vulnerability} or {@code sbom}) and free properties. Harbor's
 * {@code GET /scanners/{id}/metadata} answers it as it came.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdapterMetadata(Scanner scanner, List<Capability> capabilities, Map<String, String> properties) {

    /** The spec's {@code Scanner}: name, vendor, version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scanner(String name, String vendor, String version) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capability(String type, @JsonProperty("consumes_mime_types") List<String> consumesMimeTypes,
            @JsonProperty("produces_mime_types") List<String> producesMimeTypes) {

        /** The capability's type: v1.1 adapters give none, and scan for vulnerabilities. */
        public String kind() {
            return type == null || type.isBlank() ? ReportTypes.VULNERABILITY : type;
        }
    }

    /** What is missing for Berth to use the adapter, or null. */
    public String problem() {
        if (scanner == null || scanner.name() == null || scanner.name().isBlank()) {
            return "no scanner name";
        }
        if (capabilities == null || capabilities.isEmpty()) {
            return "no capabilities";
        }
        for (Capability c : capabilities) {
            if (c == null || c.consumesMimeTypes() == null || c.producesMimeTypes() == null) {
                return "a capability without consumes_mime_types or produces_mime_types";
            }
        }
        return null;
    }

    /** The report MIME types the adapter produces for {@code scanType} ({@link ReportTypes}) of an artifact of {@code mediaType}. */
    public List<String> produces(String scanType, String mediaType) {
        return capabilities == null ? List.of() : capabilities.stream()
                .filter(c -> c.kind().equals(scanType) && c.consumesMimeTypes().contains(mediaType))
                .flatMap(c -> c.producesMimeTypes().stream()).distinct().toList();
    }
}
