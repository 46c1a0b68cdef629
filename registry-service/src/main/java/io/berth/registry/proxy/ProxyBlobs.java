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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Blob GET/HEAD in a proxy-cache project. Cached: the ordinary handler serves it . Not cached: a HEAD
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
    private final Duration confirmAfter;

    ProxyBlobs(Pool db, Vertx vertx, BlobLinks links, StorageDriver storage, Repositories repositories, Quotas quotas, FetchLease lease,
            RegistryConfig config) {
        this.db = db;
        this.vertx = vertx;
        this.links = links;
        this.storage = storage;
        this.repositories = repositories;
        this.quotas = quotas;
        this.lease = lease;
        this.confirmAfter = config.gcGrace().dividedBy(2);
    }

    void serve(RoutingContext rc, Upstream upstream) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        Digest digest = Digest.parse(rc.pathParam("digest"));
        links.readable(db, repository.value(), digest, confirmAfter).onSuccess(guarded(rc, size -> {
            if (size != null) {
                ProxyGate.fromCache(rc);
            } else if ("HEAD".equals(rc.request().method().name())) {
                head(rc, upstream, repository, digest);
            } else {
                String holder = UUID.randomUUID().toString();
                lease.take(digest, holder).onSuccess(guarded(rc, taken -> {
                    if (taken) {
                        fetch(rc, upstream, repository, digest, holder);
                    } else {
                        vertx.setTimer(WAIT_POLL.toMillis(), t -> waitForLanding(rc, upstream, digest));
                    }
                })).onFailure(rc::fail);
            }
        })).onFailure(rc::fail);
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

    private void fetch(RoutingContext rc, Upstream upstream, RepositoryName repository, Digest digest, String holder) {
        UUID upload = UUID.randomUUID();
        long renewal = vertx.setPeriodic(FetchLease.RENEW.toMillis(), t -> lease.renew(digest, holder));
        Runnable giveUp = () -> {
            vertx.cancelTimer(renewal);
            lease.release(digest, holder);
        };
        vertx.executeBlocking(() -> {
            OciClient.Blob blob = upstream.client().openBlob(upstream.repository(repository), digest.toString());
            if (blob.length() < 0) {
                blob.close();
                throw new RegistryException(502, "the upstream sent blob " + digest + " without a Content-Length");
            }
            return blob;
        }, false).onFailure(e -> {
            giveUp.run();
            rc.fail(upstreamFailure(e, digest));
        }).onSuccess(blob -> vertx.executeBlocking(() -> storage.writer(BlobPaths.uploadData(upload), 0, null), false)
                .onFailure(e -> {
                    giveUp.run();
                    vertx.executeBlocking(() -> {
                        blob.close();
                        return null;
                    }, false);
                    rc.fail(e);
                })
                .onSuccess(writer -> {
                    Access access = Authorizer.accessOf(rc);
                    String requestId = rc.get("request_id");
                    BlobLanding[] landing = new BlobLanding[1];
                    landing[0] = new BlobLanding(blob.content(), writer, digest, blob.length(),
                            verified -> vertx.executeBlocking(() -> {
                                landing[0].release();
                                return verified;
                            }, false).compose(ok -> ok ? store(repository, upload, digest, blob.length(), access, requestId)
                                    : Future.succeededFuture())
                                    .onFailure(e -> LOG.warnf("blob %s fetched for %s is not cached: %s", digest, repository, e.getMessage()))
                                    .onComplete(done -> vertx.executeBlocking(() -> {
                                        storage.delete(BlobPaths.upload(upload));
                                        return null;
                                    }, false).onComplete(deleted -> giveUp.run())));
                    headers(rc, digest).putHeader("Content-Length", Long.toString(blob.length()));
                    DownloadPump.pump(vertx, rc.response(), landing[0], blob.length(), WriteBudget.NONE, () -> { });
                }));
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
