package io.berth.registry.proxy;

import static io.berth.registry.api.Guard.guarded;

import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryException;
import io.berth.common.config.RegistryConfig;
import io.berth.common.digest.Digest;
import io.berth.common.download.DownloadPump;
import io.berth.common.download.WriteBudget;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.api.RegistryHeaders;
import io.berth.registry.auth.Access;
import io.berth.registry.auth.Authorizer;
import io.berth.registry.blob.BlobLinks;
import io.berth.registry.quota.Quotas;
import io.berth.registry.repository.Repositories;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.storage.StorageWriter;
import io.berth.registry.upload.UploadService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Blob GET/HEAD in a proxy-cache project. Cached (or held by another repository of the project, and then linked into
 * this one as a mount would): the ordinary handler serves it. Not cached: a HEAD
 * asks the upstream; a GET takes the blob's {@link FetchLease} and streams it from the upstream to the client while it
 * is written to storage ({@link BlobLanding}), then, its digest verified, places and links it as an upload's completion
 * does (quota charged, safe from garbage collection). Whoever finds the lease taken (another request, another replica)
 * waits until it is released and looks again: the blob is then cached, or the lease is theirs to take.
 */
@ApplicationScoped
public class ProxyBlobs {
    private static final Logger LOG = Logger.getLogger(ProxyBlobs.class);
    static final Duration WAIT_POLL = Duration.ofMillis(200);

    private final Pool db;
    private final Vertx vertx;
    private final BlobLinks links;
    private final StorageDriver storage;
    private final Repositories repositories;
    private final Quotas quotas;
    private final FetchLease lease;
    private final UploadService uploads;
    private final UpstreamBlobs upstreamBlobs;
    private final Duration confirmAfter;

    ProxyBlobs(Pool db, Vertx vertx, BlobLinks links, StorageDriver storage, Repositories repositories, Quotas quotas, FetchLease lease,
            UploadService uploads, UpstreamBlobs upstreamBlobs, RegistryConfig config) {
        this.db = db;
        this.vertx = vertx;
        this.links = links;
        this.storage = storage;
        this.repositories = repositories;
        this.quotas = quotas;
        this.lease = lease;
        this.uploads = uploads;
        this.upstreamBlobs = upstreamBlobs;
        this.confirmAfter = config.gcGrace().dividedBy(2);
    }

    void serve(RoutingContext rc, Upstream upstream) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        Digest digest = Digest.parse(rc.pathParam("digest"));
        links.readable(db, repository.value(), digest, confirmAfter)
                .compose(size -> size != null ? Future.succeededFuture(true)
                        : reuse(repository, digest, Authorizer.accessOf(rc), rc.get("request_id")))
                .onSuccess(guarded(rc, cached -> {
                    if (cached) {
                        ProxyGate.fromCache(rc);
                    } else if ("HEAD".equals(rc.request().method().name())) {
                        head(rc, upstream, repository, digest);
                    } else {
                        takeLeaseAndFetch(rc, upstream, repository, digest);
                    }
                })).onFailure(rc::fail);
    }

    private void takeLeaseAndFetch(RoutingContext rc, Upstream upstream, RepositoryName repository, Digest digest) {
        String holder = UUID.randomUUID().toString();
        lease.take(digest, holder).onSuccess(guarded(rc, taken -> {
            if (taken) {
                fetch(rc, upstream, repository, digest, holder);
            } else {
                vertx.setTimer(WAIT_POLL.toMillis(), t -> waitForLanding(rc, upstream, digest));
            }
        })).onFailure(rc::fail);
    }

    /**
     * Links the blob into {@code repository} from another repository of the same project that holds it (the upstream
     * gave it to this project already): whether it did. Not from other projects: their upstreams are not this one's.
     */
    private Future<Boolean> reuse(RepositoryName repository, Digest digest, Access access, String requestId) {
        String prefix = repository.project() + "/";
        return links.holders(db, digest, 50).map(names -> names.stream().filter(n -> n.startsWith(prefix)).toList())
                .compose(names -> uploads.mountFrom(repository, digest, names, access, requestId));
    }

    /** Another request fetches the blob: once its lease is gone, look again (cached now, or the lease is free to take). */
    private void waitForLanding(RoutingContext rc, Upstream upstream, Digest digest) {
        if (rc.response().closed()) {
            return;
        }
        lease.held(digest).onSuccess(guarded(rc, held -> {
            if (held) {
                vertx.setTimer(WAIT_POLL.toMillis(), t -> waitForLanding(rc, upstream, digest));
            } else {
                serve(rc, upstream);
            }
        })).onFailure(rc::fail);
    }

    private void head(RoutingContext rc, Upstream upstream, RepositoryName repository, Digest digest) {
        vertx.executeBlocking(() -> upstream.client().blobSize(upstream.repository(repository), digest.toString()), false)
                .onSuccess(guarded(rc, size -> {
                    if (size < 0) {
                        rc.fail(unknown(digest));
                    } else {
                        headers(rc, digest).putHeader("Content-Length", Long.toString(size)).end();
                    }
                })).onFailure(e -> rc.fail(upstreamFailure(e, digest)));
    }

    /**
     * Fetches the blob as the lease's holder: its size asked with a HEAD (which logs in as the upstream asks), then a
     * GET with Vert.x's client piped to the client ({@link BlobPipe}); an upstream that answers that GET otherwise than
     * with the bytes (a redirect to object storage) is read through the OCI client instead ({@link BlobLanding}).
     * Either way the bytes are written to an upload's file beside, and placed as the blob once verified and durable.
     */
    private void fetch(RoutingContext rc, Upstream upstream, RepositoryName repository, Digest digest, String holder) {
        UUID upload = UUID.randomUUID();
        long renewal = vertx.setPeriodic(FetchLease.RENEW.toMillis(), t -> lease.renew(digest, holder));
        Runnable giveUp = () -> {
            vertx.cancelTimer(renewal);
            lease.release(digest, holder);
        };
        String remote = upstream.repository(repository);
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> {
            long size = upstream.client().blobSize(remote, digest.toString());
            if (size < 0) {
                throw unknown(digest);
            }
            return new Prepared(size, storage.writer(BlobPaths.uploadData(upload), 0, null));
        }, false).onFailure(e -> {
            giveUp.run();
            rc.fail(e instanceof OciException oci ? oci : upstreamFailure(e, digest));
        }).onSuccess(prepared -> {
            StorageLane lane = new StorageLane(prepared.writer(), settled(rc, repository, digest, prepared.size(), upload, giveUp));
            upstreamBlobs.get(upstream.client().endpoint(), remote, digest.toString(), upstream.client().pullAuthorization(remote))
                    .onFailure(e -> {
                        lane.finish(false);
                        rc.fail(upstreamFailure(e, digest));
                    })
                    .onSuccess(response -> {
                        // handlers are set in this same turn of the event loop: no byte of the body goes by unread
                        if (response.statusCode() != 200 || !Long.toString(prepared.size()).equals(response.getHeader("Content-Length"))) {
                            response.request().reset();
                            fetchThroughStream(rc, upstream, remote, digest, prepared.size(), lane);
                            return;
                        }
                        headers(rc, digest).putHeader("Content-Length", Long.toString(prepared.size()));
                        BlobPipe.start(context, response, rc.response(), lane, digest, prepared.size());
                    });
        });
    }

    private record Prepared(long size, StorageWriter writer) {}

    /** The blob read through the OCI client's stream (it follows redirects without the registry's credentials). */
    private void fetchThroughStream(RoutingContext rc, Upstream upstream, String remote, Digest digest, long size, StorageLane lane) {
        vertx.executeBlocking(() -> {
            OciClient.Blob blob = upstream.client().openBlob(remote, digest.toString());
            if (blob.length() != size) {
                blob.close();
                throw new RegistryException(502, "the upstream sent blob " + digest + " with a Content-Length other than its size " + size);
            }
            return blob;
        }, false).onFailure(e -> {
            lane.finish(false);
            rc.fail(upstreamFailure(e, digest));
        }).onSuccess(blob -> {
            BlobLanding landing = new BlobLanding(blob.content(), lane, digest, blob.length());
            headers(rc, digest).putHeader("Content-Length", Long.toString(blob.length()));
            DownloadPump.pump(vertx, rc.response(), landing, blob.length(), WriteBudget.NONE, () -> { });
        });
    }

    /**
     * What happens once the storage lane has stopped: the blob placed and linked if it was committed (verified and
     * durable), the upload's files deleted either way, and the lease released.
     */
    private Consumer<Boolean> settled(RoutingContext rc, RepositoryName repository, Digest digest, long size, UUID upload, Runnable giveUp) {
        Access access = Authorizer.accessOf(rc);
        String requestId = rc.get("request_id");
        return stored -> (stored ? store(repository, upload, digest, size, access, requestId) : Future.<Void>succeededFuture())
                .onFailure(e -> LOG.warnf("blob %s fetched for %s is not cached: %s", digest, repository, e.getMessage()))
                .onComplete(done -> vertx.executeBlocking(() -> {
                    storage.delete(BlobPaths.upload(upload));
                    return null;
                }, false).onComplete(deleted -> giveUp.run()));
    }

    /** Places verified bytes as the blob and links it into the repository, charged to the project's quota. */
    private Future<Void> store(RepositoryName repository, UUID upload, Digest digest, long size, Access access, String requestId) {
        Quotas.Ticket quota = quotas.ticket(new Quotas.Push(repository, digest.toString(), null, List.of(), access.subject(), requestId));
        return db.withTransaction(tx -> repositories.ensure(tx, repository)
                        .compose(repositoryId -> links.lockBlob(tx, digest, size)
                                .compose(quarantined -> vertx.executeBlocking(() -> place(upload, digest, quarantined), false)
                                        .compose(v -> quarantined ? links.clearQuarantine(tx, digest) : Future.succeededFuture()))
                                .compose(v -> quotas.charge(tx, quota, () -> links.linkRepository(tx, repositoryId, repository.project(),
                                        digest, size).map(added -> new Quotas.Change<>(size, added))))))
                .transform(outcome -> quotas.settle(outcome, quota, tx -> links.keepUnlinked(tx, digest, size)))
                .mapEmpty();
    }

    /** As an upload's completion places its bytes: called with the blob's row locked, so GC cannot delete them meanwhile. */
    private Void place(UUID upload, Digest digest, boolean quarantined) {
        String blob = BlobPaths.blob(digest);
        if (quarantined || !storage.exists(blob)) {
            storage.move(BlobPaths.uploadData(upload), blob);
        }
        return null;
    }

    private static io.vertx.core.http.HttpServerResponse headers(RoutingContext rc, Digest digest) {
        return rc.response().putHeader(RegistryHeaders.CONTENT_DIGEST, digest.toString()).putHeader("ETag", "\"" + digest + "\"")
                .putHeader("Content-Type", "application/octet-stream");
    }

    private static OciException unknown(Digest digest) {
        return new OciException(OciErrorCode.BLOB_UNKNOWN, "blob unknown to registry", Map.of("digest", digest.toString()));
    }

    private static OciException upstreamFailure(Throwable cause, Digest digest) {
        if (cause instanceof RegistryException e && e.status() == 404) {
            return unknown(digest);
        }
        return new OciException(OciErrorCode.BAD_GATEWAY, "the upstream registry of this proxy-cache project failed: " + cause.getMessage(),
                Map.of("digest", digest.toString()));
    }
}
