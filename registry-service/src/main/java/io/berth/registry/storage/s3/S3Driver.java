package io.berth.registry.storage.s3;

import io.berth.registry.storage.InvalidOffsetException;
import io.berth.registry.storage.PathNotFoundException;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.storage.StorageException;
import io.berth.registry.storage.StorageWriter;
import io.berth.registry.storage.StoredObject;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Content as objects in an S3-compatible bucket. Writers use multipart uploads: a writer that is
 * suspended parks its last, short part as a {@code .tail} object that the next writer (on any
 * replica) reads back; a commit completes the upload. {@link #move} is a server-side copy
 * (multipart above 5 GiB) and a delete.
 */
public class S3Driver implements StorageDriver {
    static final long COPY_LIMIT = 5L << 30;
    private static final long COPY_PART = 1L << 30;
    private static final int DELETE_BATCH = 1000;

    /** Everything the driver needs, read from {@code storage.s3}. */
    public record Settings(String bucket, String region, String endpoint, String accessKey, String secretKey,
            String prefix, boolean pathStyle, int partSize, boolean redirect) {}

    private final Settings settings;
    final S3Client s3;
    private final S3Presigner presigner;

    public S3Driver(Settings settings) {
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKey() == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        S3Configuration serviceConfig = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        var builder = S3Client.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(serviceConfig)
                // Checksums only where S3 requires them: several S3-compatible services reject the newer defaults.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(128)
                        .socketTimeout(Duration.ofMinutes(5)).connectionTimeout(Duration.ofSeconds(10)));
        var presignerBuilder = S3Presigner.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(serviceConfig);
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
            presignerBuilder.endpointOverride(URI.create(settings.endpoint()));
        }
        this.s3 = builder.build();
        this.presigner = presignerBuilder.build();
    }

    @Override
    public String name() {
        return "s3";
    }

    String bucket() {
        return settings.bucket();
    }

    int partSize() {
        return settings.partSize();
    }

    String key(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("..")) {
            throw new StorageException(name(), path, "invalid path " + path);
        }
        return settings.prefix().isEmpty() ? path : settings.prefix() + "/" + path;
    }

    private String pathOf(String key) {
        return settings.prefix().isEmpty() ? key : key.substring(settings.prefix().length() + 1);
    }

    @Override
    public byte[] getContent(String path) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket()).key(key(path))).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new PathNotFoundException(name(), path);
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    @Override
    public void putContent(String path, byte[] content) {
        try {
            s3.putObject(b -> b.bucket(bucket()).key(key(path)).contentLength((long) content.length),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    /**
     * One GET, ranged when {@code offset > 0}; the size is asked for (a HEAD) only when S3 answers that
     * the range starts at or beyond the end, to tell the end itself from past it. A HEAD before every GET
     * was a second round trip to S3 for each blob download.
     */
    @Override
    public InputStream reader(String path, long offset) {
        try {
            return s3.getObject(b -> {
                b.bucket(bucket()).key(key(path));
                if (offset > 0) {
                    b.range("bytes=" + offset + "-");
                }
            });
        } catch (NoSuchKeyException e) {
            throw new PathNotFoundException(name(), path);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                long size = size(path);
                if (offset == size) {
                    return InputStream.nullInputStream();
                }
                if (offset > size) {
                    throw new InvalidOffsetException(name(), path, offset, size);
                }
            }
            throw failure(path, e);
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    @Override
    public StorageWriter writer(String path, long offset, String resumeState) {
        return S3Writer.open(this, path, offset, resumeState);
    }

    @Override
    public void abandon(String path, String resumeState) {
        S3Writer.abandon(this, path, resumeState);
    }

    @Override
    public long size(String path) {
        return head(path).orElseThrow(() -> new PathNotFoundException(name(), path)).contentLength();
    }

    @Override
    public boolean exists(String path) {
        return head(path).isPresent();
    }

    private Optional<HeadObjectResponse> head(String path) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket()).key(key(path))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure(path, e);
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    @Override
    public List<String> list(String path) {
        String prefix = key(path) + "/";
        List<String> children = new ArrayList<>();
        try {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix).delimiter("/"))) {
                page.commonPrefixes().forEach(p -> children.add(pathOf(p.prefix().substring(0, p.prefix().length() - 1))));
                page.contents().forEach(o -> children.add(pathOf(o.key())));
            }
        } catch (SdkException e) {
            throw failure(path, e);
        }
        return children.stream().sorted().toList();
    }

    @Override
    public void move(String source, String destination) {
        long size = size(source);
        try {
            if (size <= COPY_LIMIT) {
                s3.copyObject(b -> b.sourceBucket(bucket()).sourceKey(key(source))
                        .destinationBucket(bucket()).destinationKey(key(destination)));
            } else {
                multipartCopy(key(source), key(destination), size);
            }
            s3.deleteObject(b -> b.bucket(bucket()).key(key(source)));
        } catch (SdkException e) {
            throw failure(source, e);
        }
    }

    private void multipartCopy(String from, String to, long size) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket()).key(to)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += COPY_PART) {
                long end = Math.min(size, start + COPY_PART) - 1;
                int number = parts.size() + 1;
                long first = start;
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket()).sourceKey(from)
                        .destinationBucket(bucket()).destinationKey(to).uploadId(uploadId).partNumber(number)
                        .copySourceRange("bytes=" + first + "-" + end)).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket()).key(to).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket()).key(to).uploadId(uploadId));
            throw e;
        }
    }

    @Override
    public void delete(String path) {
        String key = key(path);
        try {
            List<ObjectIdentifier> batch = new ArrayList<>();
            batch.add(ObjectIdentifier.builder().key(key).build());
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(key + "/"))) {
                for (S3Object o : page.contents()) {
                    batch.add(ObjectIdentifier.builder().key(o.key()).build());
                    if (batch.size() == 1000) {
                        deleteBatch(batch);
                    }
                }
            }
            deleteBatch(batch);
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    /** One {@code DeleteObjects} per 1 000 keys, no listing; the keys S3 reports as not deleted are returned. */
    @Override
    public List<String> deleteBlobs(List<String> paths) {
        List<String> failed = new ArrayList<>();
        Map<String, String> pathsByKey = new LinkedHashMap<>();
        for (String path : paths) {
            try {
                pathsByKey.put(key(path), path);
            } catch (StorageException invalid) {
                failed.add(path);
            }
        }
        List<String> keys = List.copyOf(pathsByKey.keySet());
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
            List<ObjectIdentifier> ids = batch.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            try {
                s3.deleteObjects(b -> b.bucket(bucket()).delete(Delete.builder().objects(ids).quiet(true).build()))
                        .errors().forEach(e -> failed.add(pathsByKey.get(e.key())));
            } catch (SdkException e) {
                batch.forEach(k -> failed.add(pathsByKey.get(k)));
            }
        }
        return failed;
    }

    @Override
    public List<StoredObject> listObjects(String prefix, String after, int limit) {
        List<StoredObject> page = new ArrayList<>();
        String start = after == null ? null : key(after);
        try {
            var request = ListObjectsV2Request.builder().bucket(bucket()).prefix(key(prefix) + "/")
                    .startAfter(start).maxKeys(Math.min(limit, 1000)).build();
            for (var response : s3.listObjectsV2Paginator(request)) {
                for (S3Object o : response.contents()) {
                    page.add(new StoredObject(pathOf(o.key()), o.size(), o.lastModified()));
                    if (page.size() == limit) {
                        return page;
                    }
                }
            }
        } catch (SdkException e) {
            throw failure(prefix, e);
        }
        return page;
    }

    private void deleteBatch(List<ObjectIdentifier> batch) {
        if (!batch.isEmpty()) {
            List<ObjectIdentifier> keys = List.copyOf(batch);
            s3.deleteObjects(b -> b.bucket(bucket()).delete(Delete.builder().objects(keys).quiet(true).build()));
            batch.clear();
        }
    }

    @Override
    public Optional<URI> redirectUrl(String path, Duration validity) {
        if (!settings.redirect()) {
            return Optional.empty();
        }
        try {
            return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(validity)
                    .getObjectRequest(g -> g.bucket(bucket()).key(key(path)))).url().toURI());
        } catch (java.net.URISyntaxException | SdkException e) {
            throw new StorageException(name(), path, "cannot presign " + path + ": " + e.getMessage(), e);
        }
    }

    StorageException failure(String path, SdkException e) {
        return new StorageException(name(), path, e.getMessage(), e);
    }
}
