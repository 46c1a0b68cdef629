package io.berth.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.media.MediaTypes;
import java.io.IOException;
import java.util.Set;

/** A manifest's exact bytes as the registry serves them, with its media type and digest. */
public record Manifest(byte[] content, String mediaType, String digest) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IMAGE_CONFIGS = Set.of(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG);

    /**
     * Whether this is a container image, Harbor's {@code image} resource type: a manifest whose config
     * is an image configuration, or an index or manifest list, without an {@code artifactType}
     * either way. Signatures, SBOMs, Helm charts and other OCI artifacts are not.
     */
    public boolean isImage() {
        try {
            JsonNode node = JSON.readTree(content);
            if (node.hasNonNull("artifactType")) {
                return false;
            }
            if (MediaTypes.OCI_INDEX.equals(mediaType) || MediaTypes.DOCKER_MANIFEST_LIST.equals(mediaType)) {
                return true;
            }
            return IMAGE_CONFIGS.contains(node.path("config").path("mediaType").asText());
        } catch (IOException e) {
            return false;
        }
    }
}
