package io.berth.scanner.api;

import java.util.List;

/** The body of {@code POST /api/v1/scan} (the adapter spec's ScanRequest, versions 1.0 and 1.1). */
public record ScanRequest(Registry registry, Artifact artifact, List<EnabledCapability> enabledCapabilities) {
    /** Where to pull from, and the {@code Authorization} value to pull with. */
    public record Registry(String url, String authorization) {}

    /** What to scan. */
    public record Artifact(String repository, String digest, String tag, String mimeType) {}

    /** A capability the caller wants ({@code vulnerability}, {@code sbom}), with the report types and SBOM formats. */
    public record EnabledCapability(String type, List<String> producesMimeTypes, Parameters parameters) {}

    /** {@code sbom_media_types} for an {@code sbom} capability. */
    public record Parameters(List<String> sbomMediaTypes) {}
}
