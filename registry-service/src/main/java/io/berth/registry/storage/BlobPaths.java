package io.berth.registry.storage;

import io.berth.common.digest.Digest;
import java.util.UUID;

/** Where blobs and upload sessions live in storage (the tree is drawn in package-info). */
public final class BlobPaths {
    public static final String UPLOADS = "_uploads";

    private BlobPaths() {}

    public static String blob(Digest digest) {
        return "blobs/" + digest.algorithm().prefix() + "/" + digest.hex().substring(0, 2) + "/" + digest.hex() + "/data";
    }

    public static String uploadData(UUID upload) {
        return UPLOADS + "/" + upload + "/data";
    }

    public static String upload(UUID upload) {
        return UPLOADS + "/" + upload;
    }
}
