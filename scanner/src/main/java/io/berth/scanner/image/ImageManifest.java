package io.berth.scanner.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.Manifest;
import io.berth.common.media.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An image manifest (OCI or Docker v2) reduced to what a scan reads: its config and its layers, bottom first.
 * Indexes and manifest lists are refused (Harbor scans each platform's manifest), so are schema 1 manifests and
 * OCI artifacts that are not container images.
 */
public record ImageManifest(String mediaType, String digest, Descriptor config, List<Descriptor> layers) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONFIGS = Set.of(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG);

    public static ImageManifest of(Manifest manifest) {
        if (MediaTypes.isIndex(manifest.mediaType())) {
            throw new ScanFailure(manifest.digest() + " is an image index (" + manifest.mediaType()
                    + "): scan the manifest of each platform instead");
        }
        if (MediaTypes.isSchema1(manifest.mediaType())) {
            throw new ScanFailure(manifest.digest() + " is a Docker schema 1 manifest, which the scanner does not read");
        }
        JsonNode json;
        try {
            json = JSON.readTree(manifest.content());
        } catch (IOException e) {
            throw new ScanFailure(manifest.digest() + " is not a JSON manifest");
        }
        if (json.hasNonNull("manifests")) {
            throw new ScanFailure(manifest.digest() + " is an image index: scan the manifest of each platform instead");
        }
        Descriptor config = descriptor(json.path("config"));
        if (config == null || !CONFIGS.contains(config.mediaType())) {
            throw new ScanFailure(manifest.digest() + " is not a container image (its config is "
                    + (config == null ? "missing" : config.mediaType()) + ")");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : json.path("layers")) {
            Descriptor d = descriptor(layer);
            if (d == null) {
                throw new ScanFailure(manifest.digest() + " has a layer without a digest");
            }
            layers.add(d);
        }
        return new ImageManifest(manifest.mediaType(), manifest.digest(), config, List.copyOf(layers));
    }

    private static Descriptor descriptor(JsonNode node) {
        if (!node.hasNonNull("digest")) {
            return null;
        }
        return new Descriptor(node.path("mediaType").asText(""), node.get("digest").asText(), node.path("size").asLong(-1));
    }
}
