package io.berth.registry.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.registry.storage.InvalidOffsetException;
import io.berth.registry.storage.StorageException;
import io.berth.registry.storage.StorageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object written as a multipart upload, one part at a time. The part being filled is spooled to
 * a local temporary file, not kept in the heap: with a part-size buffer per writer, 24 concurrent
 * uploads with 8 MiB parts ran a 96 MiB heap out of memory. The state between writers is the upload id, the parts so
 * far and the size of the parked tail (at {@code <key>.tail}).
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
    /** The multipart upload was started by this writer and no state naming it has been handed out yet. */
    private boolean uploadIdUnrecorded;
    private final List<Part> parts;
    private Path spoolFile;
    private FileChannel spool;
    private int buffered;
    private long partsSize;

    private S3Writer(S3Driver driver, String path, String uploadId, List<Part> parts) {
        this.driver = driver;
        this.path = path;
        this.key = driver.key(path);
        this.uploadId = uploadId;
        this.parts = new ArrayList<>(parts);
        this.partsSize = parts.stream().mapToLong(Part::size).sum();
    }

    static S3Writer open(S3Driver driver, String path, long offset, String resumeState) {
        if (resumeState == null) {
            if (offset != 0) {
                throw new InvalidOffsetException(driver.name(), path, offset, 0);
            }
            return new S3Writer(driver, path, null, List.of());
        }
        State state = state(driver, path, resumeState);
        S3Writer writer = new S3Writer(driver, path, state.uploadId(), state.parts());
        if (writer.partsSize + state.tail() != offset) {
            throw new InvalidOffsetException(driver.name(), path, offset, writer.partsSize + state.tail());
        }
        if (state.tail() > 0) {
            try (InputStream tail = driver.reader(path + ".tail", 0)) {
                tail.transferTo(Channels.newOutputStream(writer.spool()));
            } catch (IOException | RuntimeException e) {
                writer.close();
                throw e instanceof StorageException s ? s : new StorageException(driver.name(), path, "cannot read the parked tail", e);
            }
            writer.buffered = state.tail();
        }
        return writer;
    }

    private static State state(S3Driver driver, String path, String resumeState) {
        try {
            return JSON.readValue(resumeState, State.class);
        } catch (IOException e) {
            throw new StorageException(driver.name(), path, "unreadable writer state", e);
        }
    }

    /** What {@link #cancel()} of a writer resumed from {@code resumeState} does, without reading the tail back. */
    static void abandon(S3Driver driver, String path, String resumeState) {
        if (resumeState != null) {
            abort(driver, driver.key(path), state(driver, path, resumeState).uploadId());
        }
        driver.delete(path + ".tail");
        driver.delete(path);
    }

    private static void abort(S3Driver driver, String key, String uploadId) {
        if (uploadId == null) {
            return;
        }
        try {
            driver.s3.abortMultipartUpload(b -> b.bucket(driver.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // gone already, or left to the bucket's lifecycle rule for incomplete multipart uploads
        }
    }

    @Override
    public void write(ByteBuffer data) {
        try {
            while (data.hasRemaining()) {
                int n = Math.min(data.remaining(), driver.partSize() - buffered);
                ByteBuffer part = data.slice().limit(n);
                while (part.hasRemaining()) {
                    spool().write(part);
                }
                data.position(data.position() + n);
                buffered += n;
                if (buffered == driver.partSize()) {
                    uploadPart();
                }
            }
        } catch (IOException e) {
            throw new StorageException(driver.name(), path, "cannot spool a part to " + spoolFile, e);
        }
    }

    private void uploadPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = driver.s3.createMultipartUpload(b -> b.bucket(driver.bucket()).key(key)).uploadId();
                uploadIdUnrecorded = true;
            }
            int number = parts.size() + 1;
            int length = buffered;
            String etag = driver.s3.uploadPart(b -> b.bucket(driver.bucket()).key(key).uploadId(uploadId)
                    .partNumber(number).contentLength((long) length), spooled()).eTag();
            parts.add(new Part(number, etag, length));
            partsSize += length;
            spool().truncate(0).position(0);
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
                driver.s3.putObject(b -> b.bucket(driver.bucket()).key(key).contentLength((long) length), spooled());
            } else {
                if (buffered > 0 || parts.isEmpty()) {
                    uploadPart();
                }
                List<CompletedPart> completed = parts.stream()
                        .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
                driver.s3.completeMultipartUpload(b -> b.bucket(driver.bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed)));
                uploadIdUnrecorded = false;
            }
        } catch (SdkException e) {
            throw driver.failure(path, e);
        } catch (IOException e) {
            throw new StorageException(driver.name(), path, "cannot read the spooled part " + spoolFile, e);
        } finally {
            close();
        }
        driver.delete(path + ".tail");
    }

    @Override
    public void cancel() {
        releaseSpool();
        uploadIdUnrecorded = false;
        abort(driver, key, uploadId);
        driver.delete(path + ".tail");
    }

    @Override
    public String suspend() {
        try {
            if (buffered > 0) {
                int length = buffered;
                driver.s3.putObject(b -> b.bucket(driver.bucket()).key(driver.key(path + ".tail")).contentLength((long) length),
                        spooled());
            }
            String state = JSON.writeValueAsString(new State(uploadId, parts, buffered));
            uploadIdUnrecorded = false;
            return state;
        } catch (SdkException e) {
            throw driver.failure(path, e);
        } catch (IOException e) {
            throw new StorageException(driver.name(), path, "cannot park the tail", e);
        } finally {
            close();
        }
    }

    /**
     * Also aborts a multipart upload this writer started and never handed out in a state (a first chunk
     * above a part's size whose client went away): no session records it, so nothing else ever would.
     */
    @Override
    public void close() {
        releaseSpool();
        if (uploadIdUnrecorded) {
            uploadIdUnrecorded = false;
            abort(driver, key, uploadId);
        }
    }

    private void releaseSpool() {
        try {
            if (spool != null) {
                spool.close();
            }
            if (spoolFile != null) {
                Files.deleteIfExists(spoolFile);
            }
        } catch (IOException ignored) {
            // a leftover temporary file
        } finally {
            spool = null;
            spoolFile = null;
        }
    }

    private FileChannel spool() throws IOException {
        if (spool == null) {
            spoolFile = Files.createTempFile("berth-s3-part-", ".spool");
            spool = FileChannel.open(spoolFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return spool;
    }

    /** The spooled bytes as a request body (read again from the start if the SDK retries). */
    private RequestBody spooled() throws IOException {
        if (buffered == 0) {
            return RequestBody.empty();
        }
        return RequestBody.fromFile(spoolFile);
    }
}
