package io.berth.common.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The spec's {@code ScanRequest}: where the adapter pulls from ({@code registry.url}, and the {@code authorization} header
 * value it sends there: a short-lived Bearer registry token allowed to pull that one repository) and what
 * ({@code artifact}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanRequest(Registry registry, Artifact artifact) {

    public record Registry(String url, String authorization) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Artifact(String repository, String digest, String tag, @JsonProperty("mime_type") String mimeType) {}
}
