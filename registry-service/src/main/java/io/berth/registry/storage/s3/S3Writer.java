package io.berth.registry.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.registry.storage.InvalidOffsetException;
import io.berth.registry.storage.StorageWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object written as a multipart upload, one part-size buffer at a time. The state between
 * writers is the upload id, the parts so far and the size of the parked tail (at {@code <key>.tail}).
 */
final class S3Writer implements StorageWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a suspended writer leaves for the next one. */
    record State(String uploadId, List<Part> parts, int tail) {}

    record Part(int number, String etag, long size) {}

    private final S3Driver driver;
    private final String path;
    private final String key;
    private String uploadId;
    private final List<Part> parts;
    private final byte[] buffer;
    private int buffered;
    private long partsSize;

    private S3Writer(S3Driver driver, String path, String uploadId, List<Part> parts) {
        this.driver = driver;
        this.path = path;
        this.key = driver.key(path);
        this.uploadId = uploadId;
        this.parts = new ArrayList<>(parts);
        this.buffer = new byte[driver.partSize()];
        this.partsSize = parts.stream().mapToLong(Part::size).sum();
    }

    static S3Writer open(S3Driver driver, String path, long offset, String resumeState) {
        if (resumeState == null) {
            if (offset != 0) {
                throw new InvalidOffsetException(driver.name(), path, offset, 0);
            }
            return new S3Writer(driver, path, null, List.of());
        }
        State state;
        try {
            state = JSON.readValue(resumeState, State.class);
        } catch (IOException e) {
            throw new io.berth.registry.storage.StorageException(driver.name(), path, "unreadable writer state", e);
        }
        S3Writer writer = new S3Writer(driver, path, state.uploadId(), state.parts());
        if (writer.partsSize + state.tail() != offset) {
            throw new InvalidOffsetException(driver.name(), path, offset, writer.partsSize + state.tail());
        }
        if (state.tail() > 0) {
            byte[] tail = driver.getContent(path + ".tail");
            System.arraycopy(tail, 0, writer.buffer, 0, state.tail());
            writer.buffered = state.tail();
        }
        return writer;
    }

    @Override
    public void write(ByteBuffer data) {
        while (data.hasRemaining()) {
            int n = Math.min(data.remaining(), buffer.length - buffered);
            data.get(buffer, buffered, n);
            buffered += n;
            if (buffered == buffer.length) {
                uploadPart();
            }
        }
    }

    private void uploadPart() {
        try {
            if (uploadId == null) {
                uploadId = driver.s3.createMultipartUpload(b -> b.bucket(driver.bucket()).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            int length = buffered;
            String etag = driver.s3.uploadPart(b -> b.bucket(driver.bucket()).key(key).uploadId(uploadId)
                            .partNumber(number).contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                            "application/octet-stream")).eTag();
            parts.add(new Part(number, etag, length));
            partsSize += length;
            buffered = 0;
        } catch (SdkException e) {
            throw driver.failure(path, e);
        }
    }

    @Override
    public long size() {
        return partsSize + buffered;
    }

    @Override
    public void commit() {
        try {
            if (uploadId == null) {
                int length = buffered;
                driver.s3.putObject(b -> b.bucket(driver.bucket()).key(key).contentLength((long) length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                "application/octet-stream"));
            } else {
                if (buffered > 0 || parts.isEmpty()) {
                    uploadPart();
                }
                List<CompletedPart> completed = parts.stream()
                        .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
                driver.s3.completeMultipartUpload(b -> b.bucket(driver.bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed)));
            }
        } catch (SdkException e) {
            throw driver.failure(path, e);
        }
        driver.delete(path + ".tail");
    }

    @Override
    public void cancel() {
        try {
            if (uploadId != null) {
                driver.s3.abortMultipartUpload(b -> b.bucket(driver.bucket()).key(key).uploadId(uploadId));
            }
        } catch (SdkException ignored) {
            // an orphaned multipart upload is removed by the bucket's lifecycle rule
        }
        driver.delete(path + ".tail");
    }

    @Override
    public String suspend() {
        if (buffered > 0) {
            byte[] tail = java.util.Arrays.copyOf(buffer, buffered);
            driver.putContent(path + ".tail", tail);
        }
        try {
            return JSON.writeValueAsString(new State(uploadId, parts, buffered));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
