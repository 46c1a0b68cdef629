package io.berth.registry.manifest;

import io.berth.common.media.MediaTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest as pushed, with what it references: an image manifest's config and layers, an
 * index's child manifests, and the optional {@code subject} it refers to (OCI 1.1 referrers).
 */
public record ParsedManifest(String mediaType, String artifactType, Descriptor config, List<Descriptor> layers,
        List<Descriptor> manifests, Descriptor subject, String annotationsJson) {

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Blobs the registry must hold for this manifest to be accepted: config and non-foreign layers. */
    public List<Descriptor> blobs() {
        List<Descriptor> blobs = new ArrayList<>();
        if (config != null) {
            blobs.add(config);
        }
        layers.stream().filter(l -> !l.foreign()).forEach(blobs::add);
        return blobs;
    }

    /** The artifact type a referrers listing reports: artifactType, else the config's media type. */
    public String effectiveArtifactType() {
        if (artifactType != null) {
            return artifactType;
        }
        return config == null ? null : config.mediaType();
    }
}
