package io.berth.registry.blob;

import io.berth.common.digest.Digest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.registry.api.RegistryHeaders;
import io.berth.registry.auth.Authorizer;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import static io.berth.registry.api.Guard.guarded;

import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code GET}/{@code HEAD}/{@code DELETE /v2/<name>/blobs/<digest>}. Downloads are zero-copy
 * ({@code sendfile}) from the filesystem, a redirect to a presigned URL where the driver offers one
 * and it is enabled, or else streamed from the driver with back-pressure.
 */
@ApplicationScoped
public class BlobHandlers {
    private static final Duration REDIRECT_VALIDITY = Duration.ofMinutes(20);

    private final Pool db;
    private final BlobLinks links;
    private final StorageDriver storage;
    private final Vertx vertx;

    BlobHandlers(Pool db, BlobLinks links, StorageDriver storage, Vertx vertx) {
        this.db = db;
        this.links = links;
        this.storage = storage;
        this.vertx = vertx;
    }

    public void get(RoutingContext rc) {
        String repository = Authorizer.repositoryOf(rc).value();
        Digest digest = Digest.parse(rc.pathParam("digest"));
        boolean head = "HEAD".equals(rc.request().method().name());
        links.linkedSize(db, repository, digest).onSuccess(guarded(rc, size -> {
            if (size == null) {
                rc.fail(new OciException(OciErrorCode.BLOB_UNKNOWN, "blob unknown to registry", java.util.Map.of("digest", digest.toString())));
                return;
            }
            BlobDownload range = BlobDownload.of(head ? null : rc.request().getHeader("Range"), size);
            HttpServerResponse response = rc.response()
                    .putHeader(RegistryHeaders.CONTENT_DIGEST, digest.toString())
                    .putHeader("Accept-Ranges", "bytes")
                    .putHeader("ETag", "\"" + digest + "\"")
                    .putHeader("Cache-Control", "max-age=31536000")
                    .putHeader("Content-Type", "application/octet-stream");
            if (head) {
                response.putHeader("Content-Length", Long.toString(size)).end();
                return;
            }
            if (range.partial()) {
                response.setStatusCode(206).putHeader("Content-Range", range.contentRange(size));
            }
            send(rc, BlobPaths.blob(digest), range);
        })).onFailure(rc::fail);
    }

    /** Where a blob's bytes come from: a URL to redirect to, a local file to sendfile, or neither (stream). */
    private record Source(URI redirect, Path file) {}

    private void send(RoutingContext rc, String path, BlobDownload range) {
        HttpServerResponse response = rc.response();
        vertx.executeBlocking(() -> new Source(storage.redirectUrl(path, REDIRECT_VALIDITY).orElse(null),
                        storage.localFile(path).orElse(null)), false)
                .onSuccess(guarded(rc, source -> {
                    if (source.redirect() != null) {
                        response.setStatusCode(307).putHeader("Location", source.redirect().toString()).end();
                    } else if (source.file() != null) {
                        response.sendFile(source.file().toString(), range.offset(), range.length()).onFailure(e -> response.reset());
                    } else {
                        stream(rc, path, range);
                    }
                })).onFailure(rc::fail);
    }

    /** Reads from the driver on a worker, one 256 KiB piece at a time, waiting while the client is slow. */
    private void stream(RoutingContext rc, String path, BlobDownload range) {
        HttpServerResponse response = rc.response().putHeader("Content-Length", Long.toString(range.length()));
        vertx.executeBlocking(() -> storage.reader(path, range.offset()), false).onSuccess(guarded(rc, in -> {
            long[] remaining = {range.length()};
            Runnable[] next = new Runnable[1];
            next[0] = () -> vertx.executeBlocking(() -> in.readNBytes((int) Math.min(256 * 1024, remaining[0])), false)
                    .onSuccess(bytes -> {
                        if (bytes.length == 0) {
                            close(in);
                            response.reset();
                            return;
                        }
                        remaining[0] -= bytes.length;
                        response.write(io.vertx.core.buffer.Buffer.buffer(bytes));
                        if (remaining[0] == 0) {
                            close(in);
                            response.end();
                        } else if (response.writeQueueFull()) {
                            response.drainHandler(v -> next[0].run());
                        } else {
                            next[0].run();
                        }
                    }).onFailure(e -> {
                        close(in);
                        response.reset();
                    });
            response.closeHandler(v -> close(in));
            next[0].run();
        })).onFailure(rc::fail);
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // nothing more to read anyway
        }
    }

    public void delete(RoutingContext rc) {
        String repository = Authorizer.repositoryOf(rc).value();
        Digest digest = Digest.parse(rc.pathParam("digest"));
        links.unlink(db, repository, digest).onSuccess(guarded(rc, existed -> {
            if (!existed) {
                rc.fail(new OciException(OciErrorCode.BLOB_UNKNOWN, "blob unknown to registry", java.util.Map.of("digest", digest.toString())));
            } else {
                rc.response().setStatusCode(202).putHeader("Content-Length", "0").end();
            }
        })).onFailure(rc::fail);
    }
}
