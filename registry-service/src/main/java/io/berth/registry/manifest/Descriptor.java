package io.berth.registry.manifest;

import io.berth.common.digest.Digest;
import java.util.List;

/** An OCI content descriptor inside a manifest: what it points at, and how big that is. */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType, List<String> urls) {

    /** Foreign layers (with {@code urls}) live elsewhere; the registry does not hold them. */
    public boolean foreign() {
        return urls != null && !urls.isEmpty();
    }
}
