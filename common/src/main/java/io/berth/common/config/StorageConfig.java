package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code berth.storage}: where registry-service keeps blobs (and where the gateway may read them from). */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".storage", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface StorageConfig {
    /** Which driver holds blobs: filesystem (the default) or s3. */
    DriverKind driver();

    Filesystem filesystem();

    S3 s3();

    enum DriverKind { FILESYSTEM, S3 }

    interface Filesystem {
        /** Directory of the blob store. */
        String root();
    }

    /** S3-compatible object storage (AWS S3, MinIO, Ceph RGW, …). */
    interface S3 {
        /** Bucket holding the blobs; required with driver s3. */
        Optional<String> bucket();

        String region();

        /** Endpoint of a non-AWS service; AWS's regional endpoint when absent. */
        Optional<String> endpoint();

        /** Static credentials; the AWS default credentials chain when absent. */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Key prefix inside the bucket. */
        Optional<String> prefix();

        /** Path-style addressing (bucket in the path), which most non-AWS services need. */
        boolean pathStyle();

        /** Part size of multipart uploads, in MiB (5 to 5120); an upload spools its current part to a temporary file. */
        int partSizeMib();

        /** Answer blob GETs with a 307 to a presigned URL, so clients download from S3 directly. */
        boolean redirect();
    }
}
