package io.berth.registry.blob;

import io.berth.common.config.RegistryConfig;
import io.berth.common.digest.Digest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.common.download.BlobFileHandoff;
import io.berth.common.download.DownloadPump;
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
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code GET}/{@code HEAD}/{@code DELETE /v2/<name>/blobs/<digest>}. A download is a redirect to a
 * presigned URL where the driver offers one and it is enabled, handed over to the gateway when it
 * sees the same files ({@link BlobFileHandoff}), or else streamed by a {@link DownloadPump}.
 */
@ApplicationScoped
public class BlobHandlers {
    private static final Duration REDIRECT_VALIDITY = Duration.ofMinutes(20);

    private final Pool db;
    private final BlobLinks links;
    private final StorageDriver storage;
    private final Vertx vertx;

    /** A link older than this is confirmed by a HEAD/GET (half of registry.gc_grace). */
    private final java.time.Duration confirmAfter;
    BlobHandlers(Pool db, BlobLinks links, StorageDriver storage, Vertx vertx, RegistryConfig config) {
        this.confirmAfter = config.gcGrace().dividedBy(2);
        this.db = db;
        this.links = links;
        this.storage = storage;
        this.vertx = vertx;
    }

    public void get(RoutingContext rc) {
        String repository = Authorizer.repositoryOf(rc).value();
        Digest digest = Digest.parse(rc.pathParam("digest"));
        boolean head = "HEAD".equals(rc.request().method().name());
        links.readable(db, repository, digest, confirmAfter).onSuccess(guarded(rc, size -> {
            if (size == null) {
                rc.fail(new OciException(OciErrorCode.BLOB_UNKNOWN, "blob unknown to registry", java.util.Map.of("digest", digest.toString())));
                return;
            }
            String etag = "\"" + digest + "\"";
            BlobDownload range = BlobDownload.of(head ? null : rc.request().getHeader("Range"),
                    rc.request().getHeader("If-Range"), etag, size);
            HttpServerResponse response = rc.response()
                    .putHeader(RegistryHeaders.CONTENT_DIGEST, digest.toString())
                    .putHeader("Accept-Ranges", "bytes")
                    .putHeader("ETag", etag)
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

    /** Where a blob's bytes come from: a URL to redirect to, a local file, or neither (the driver's reader). */
    private record Source(URI redirect, Path file) {}

    private void send(RoutingContext rc, String path, BlobDownload range) {
        HttpServerResponse response = rc.response();
        vertx.executeBlocking(() -> new Source(storage.redirectUrl(path, REDIRECT_VALIDITY).orElse(null),
                        storage.localFile(path).orElse(null)), false)
                .onSuccess(guarded(rc, source -> {
                    if (source.redirect() != null) {
                        response.setStatusCode(307).putHeader("Location", source.redirect().toString()).end();
                    } else if (source.file() != null && rc.request().headers().contains(BlobFileHandoff.REQUEST)) {
                        response.putHeader(BlobFileHandoff.PATH, path)
                                .putHeader(BlobFileHandoff.OFFSET, Long.toString(range.offset()))
                                .putHeader(BlobFileHandoff.LENGTH, Long.toString(range.length()))
                                .putHeader("Content-Length", "0").end();
                    } else {
                        stream(rc, path, source.file(), range);
                    }
                })).onFailure(rc::fail);
    }

    /** Streams from the driver, or reads the local file, through a {@link DownloadPump}. */
    private void stream(RoutingContext rc, String path, Path file, BlobDownload range) {
        HttpServerResponse response = rc.response().putHeader("Content-Length", Long.toString(range.length()));
        vertx.executeBlocking(() -> file != null
                        ? DownloadPump.Source.of(FileChannel.open(file, StandardOpenOption.READ), range.offset())
                        : DownloadPump.Source.of(storage.reader(path, range.offset())), false)
                .onSuccess(guarded(rc, source -> DownloadPump.pump(vertx, response, source, range.length())))
                .onFailure(rc::fail);
    }

    public void delete(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
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
