package io.berth.common.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The spec's {@code ScanRequest}: where the adapter pulls from ({@code registry.url}, and the {@code authorization} header
 * value it sends there: a short-lived Bearer registry token allowed to pull that one repository) and what
 * ({@code artifact}), and for v1.2 adapters the capabilities the scan uses ({@code enabled_capabilities}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanRequest(Registry registry, Artifact artifact,
        @JsonProperty("enabled_capabilities") java.util.List<EnabledCapability> enabledCapabilities) {

    public ScanRequest(Registry registry, Artifact artifact) {
        this(registry, artifact, null);
    }

    /** Spec v1.2: an SBOM scan enables {@code sbom} with the formats it will ask for, e.g. {@code {"sbom_media_types": ["application/spdx+json"]}}. */
    public record EnabledCapability(String type, java.util.Map<String, Object> parameters) {}

    public record Registry(String url, String authorization) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Artifact(String repository, String digest, String tag, @JsonProperty("mime_type") String mimeType) {}
}
