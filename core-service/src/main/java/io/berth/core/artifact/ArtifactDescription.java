package io.berth.core.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Harbor tells of an artifact that only its manifest's bytes say: its type, the media type of
 * its config (or of the index), its OCI artifact type, and the children of an index with their
 * platforms.
 */
record ArtifactDescription(String type, String mediaType, String artifactType, List<ArtifactView.Reference> references) {
    private static final Map<String, String> TYPES = Map.of(
            "application/vnd.oci.image.config.v1+json", "IMAGE",
            "application/vnd.docker.container.image.v1+json", "IMAGE",
            "application/vnd.cncf.helm.config.v1+json", "CHART",
            "application/vnd.cnab.manifest.v1", "CNAB");

    static ArtifactDescription of(ObjectMapper json, String manifestMediaType, String artifactType, byte[] content) {
        JsonNode manifest;
        try {
            manifest = json.readTree(content);
        } catch (IOException e) {
            return new ArtifactDescription("UNKNOWN", manifestMediaType, artifactType, List.of());
        }
        if (manifest.has("manifests")) {
            List<ArtifactView.Reference> references = new ArrayList<>();
            for (JsonNode child : manifest.get("manifests")) {
                references.add(new ArtifactView.Reference(null, null, child.path("digest").asText(), map(json, child.get("platform")),
                        map(json, child.get("annotations")), child.has("urls") ? json.convertValue(child.get("urls"), List.class) : null));
            }
            return new ArtifactDescription("IMAGE", manifestMediaType, artifactType, references);
        }
        String configType = manifest.path("config").path("mediaType").asText(manifestMediaType);
        String type = TYPES.getOrDefault(configType, "UNKNOWN");
        return new ArtifactDescription(type, configType, artifactType != null ? artifactType : configType, List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ObjectMapper json, JsonNode node) {
        return node == null || !node.isObject() ? null : json.convertValue(node, Map.class);
    }
}
