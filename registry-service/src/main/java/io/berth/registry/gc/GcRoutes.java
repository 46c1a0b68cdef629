package io.berth.registry.gc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.gc.GcCollect;
import io.berth.common.gc.GcFinish;
import io.berth.common.gc.GcPageRequest;
import io.berth.common.gc.GcStart;
import io.berth.common.gc.GcSweep;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * The internal garbage collection API that jobservice's GC job drives (docs/gc.md): {@code POST /internal/gc/<op>}
 * with a JSON body of at most 1 MiB ({@link io.berth.common.gc}), on the service port but never routed by the
 * gateway, for tokens of audience {@code berth-registry-gc} only ({@link GcCaller}). Every operation is idempotent and
 * conditional, and runs on a worker thread (JDBC). Errors in Harbor's shape.
 */
@ApplicationScoped
public class GcRoutes {
    private static final Logger LOG = Logger.getLogger(GcRoutes.class);
    static final String PREFIX = "/internal/gc/";
    private static final long MAX_BODY = 1 << 20;

    private final Vertx vertx;
    private final ObjectMapper json;
    private final GcCaller caller;
    private final GcRuns runs;
    private final GcCandidates candidates;
    private final ManifestCollector manifests;
    private final LinkCollector links;
    private final BlobCollector blobs;
    private final OrphanSweeper orphans;

    GcRoutes(Vertx vertx, ObjectMapper json, GcCaller caller, GcRuns runs, GcCandidates candidates, ManifestCollector manifests,
            LinkCollector links, BlobCollector blobs, OrphanSweeper orphans) {
        this.vertx = vertx;
        this.json = json;
        this.caller = caller;
        this.runs = runs;
        this.candidates = candidates;
        this.manifests = manifests;
        this.links = links;
        this.blobs = blobs;
        this.orphans = orphans;
    }

    void register(@Observes Router router) {
        router.route(PREFIX + "*").order(-100).handler(caller::check);
        router.route(PREFIX + "*").order(-99).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        post(router, "start", GcStart.class, start -> runs.start(start));
        post(router, "manifests/candidates", GcPageRequest.class, page -> candidates.manifests(page));
        post(router, "links/candidates", GcPageRequest.class, page -> candidates.links(page));
        post(router, "blobs/candidates", GcPageRequest.class, page -> candidates.blobs(page));
        post(router, "manifests/collect", GcCollect.class, manifests::collect);
        post(router, "links/collect", GcCollect.class, links::collect);
        post(router, "blobs/collect", GcCollect.class, blobs::collect);
        post(router, "orphans/sweep", GcSweep.class, orphans::sweep);
        post(router, "finish", GcFinish.class, finish -> {
            runs.finish(finish);
            return null;
        });
    }

    interface Operation<T> {
        Object apply(T body) throws Exception;
    }

    private <T> void post(Router router, String op, Class<T> type, Operation<T> operation) {
        router.post(PREFIX + op).handler(rc -> {
            T body;
            try {
                body = json.readValue(rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes(), type);
            } catch (Exception e) {
                error(rc, 400, "BAD_REQUEST", "invalid " + type.getSimpleName() + ": " + e.getMessage());
                return;
            }
            Callable<Object> work = () -> operation.apply(body);
            vertx.executeBlocking(work, false).onComplete(done -> {
                if (done.succeeded()) {
                    if (done.result() == null) {
                        rc.response().setStatusCode(204).end();
                    } else {
                        try {
                            rc.response().putHeader("Content-Type", "application/json").end(json.writeValueAsString(done.result()));
                        } catch (Exception e) {
                            error(rc, 500, "INTERNAL_SERVER_ERROR", e.getMessage());
                        }
                    }
                } else if (done.cause() instanceof IllegalArgumentException bad) {
                    error(rc, 400, "BAD_REQUEST", bad.getMessage());
                } else {
                    LOG.warnf(done.cause(), "garbage collection %s failed", op);
                    error(rc, 500, "INTERNAL_SERVER_ERROR", String.valueOf(done.cause().getMessage()));
                }
            });
        });
    }

    static void error(RoutingContext rc, int status, String code, String message) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("code", code).put("message", message))).encode());
    }
}
