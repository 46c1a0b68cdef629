package io.berth.registry.storage;

import io.berth.common.config.StorageConfig;
import io.berth.registry.storage.s3.S3Driver;
import io.berth.service.db.StartupFailure;

/** Builds the S3 driver from {@code storage.s3}, refusing incomplete settings at start-up. */
final class S3Drivers {
    private S3Drivers() {}

    static StorageDriver create(StorageConfig storage) {
        StorageConfig.S3 s3 = storage.s3();
        if (s3.bucket().isEmpty()) {
            throw new StartupFailure("berth.storage.s3.bucket is required with storage.driver=s3");
        }
        if (s3.accessKey().isPresent() != s3.secretKey().isPresent()) {
            throw new StartupFailure("berth.storage.s3.access_key and berth.storage.s3.secret_key go together");
        }
        if (s3.partSizeMib() < 5 || s3.partSizeMib() > 5120) {
            throw new StartupFailure("berth.storage.s3.part_size_mib must be between 5 and 5120, not " + s3.partSizeMib());
        }
        return new S3Driver(new S3Driver.Settings(s3.bucket().get(), s3.region(), s3.endpoint().orElse(null),
                s3.accessKey().orElse(null), s3.secretKey().orElse(null), s3.prefix().orElse(""), s3.pathStyle(),
                s3.partSizeMib() * (1 << 20), s3.redirect()));
    }
}
