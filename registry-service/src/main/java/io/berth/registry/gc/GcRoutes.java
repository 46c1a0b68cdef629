package io.berth.registry.gc;

import io.berth.common.gc.GcCollect;
import io.berth.common.gc.GcFinish;
import io.berth.common.gc.GcPageRequest;
import io.berth.common.gc.GcStart;
import io.berth.common.gc.GcSweep;
import io.berth.common.token.Audiences;
import io.berth.registry.api.InternalApi;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The internal garbage collection API that jobservice's GC job drives (docs/gc.md): {@code POST /internal/gc/<op>}
 * ({@link io.berth.common.gc}), for tokens of audience {@code berth-registry-gc} only ({@link InternalApi}: never routed
 * by the gateway, bodies of at most 1 MiB, worker threads, errors in Harbor's shape). Every operation is idempotent and
 * conditional.
 */
@ApplicationScoped
public class GcRoutes {
    static final String PREFIX = "/internal/gc/";

    private final InternalApi api;
    private final GcRuns runs;
    private final GcCandidates candidates;
    private final ManifestCollector manifests;
    private final LinkCollector links;
    private final BlobCollector blobs;
    private final OrphanSweeper orphans;

    GcRoutes(InternalApi api, GcRuns runs, GcCandidates candidates, ManifestCollector manifests, LinkCollector links, BlobCollector blobs,
            OrphanSweeper orphans) {
        this.orphans = orphans;
        this.api = api;
        this.runs = runs;
        this.candidates = candidates;
        this.manifests = manifests;
        this.links = links;
        this.blobs = blobs;
    }

    void register(@Observes Router router) {
        api.guard(router, PREFIX, Audiences.REGISTRY_GC);
        api.post(router, PREFIX + "start", GcStart.class, start -> runs.start(start));
        api.post(router, PREFIX + "manifests/candidates", GcPageRequest.class, page -> candidates.manifests(page));
        api.post(router, PREFIX + "links/candidates", GcPageRequest.class, page -> candidates.links(page));
        api.post(router, PREFIX + "blobs/candidates", GcPageRequest.class, page -> candidates.blobs(page));
        api.post(router, PREFIX + "manifests/collect", GcCollect.class, manifests::collect);
        api.post(router, PREFIX + "links/collect", GcCollect.class, links::collect);
        api.post(router, PREFIX + "blobs/collect", GcCollect.class, blobs::collect);
        api.post(router, PREFIX + "orphans/sweep", GcSweep.class, orphans::sweep);
        api.post(router, PREFIX + "finish", GcFinish.class, finish -> {
            runs.finish(finish);
            return null;
        });
    }
}
