package io.berth.registry.proxy;

import static io.berth.registry.api.Guard.guarded;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.registry.auth.Authorizer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The hooks of proxy-cache projects in the /v2/ routes: each wraps the ordinary handler, which runs unchanged for
 * every other project. Pulls of manifests and blobs go through {@link ProxyManifests} and {@link ProxyBlobs} first;
 * pushes (manifest PUT, blob uploads and mounts) are refused with {@code DENIED}: what a proxy cache holds is what its
 * upstream has.
 */
@ApplicationScoped
public class ProxyGate {
    private final ProxyProjects projects;
    private final ProxyManifests manifests;
    private final ProxyBlobs blobs;

    ProxyGate(ProxyProjects projects, ProxyManifests manifests, ProxyBlobs blobs) {
        this.projects = projects;
        this.manifests = manifests;
        this.blobs = blobs;
    }

    public Handler<RoutingContext> manifests(Handler<RoutingContext> cached) {
        return pull(cached, manifests::serve);
    }

    public Handler<RoutingContext> blobs(Handler<RoutingContext> cached) {
        return pull(cached, blobs::serve);
    }

    /** {@code push} unless the repository's project is a proxy cache: then 403 DENIED. */
    public Handler<RoutingContext> refusingPush(Handler<RoutingContext> push) {
        return rc -> projects.of(Authorizer.repositoryOf(rc).project()).onSuccess(guarded(rc, upstream -> {
            if (upstream.isEmpty()) {
                push.handle(rc);
            } else {
                rc.fail(new OciException(OciErrorCode.DENIED, "project " + upstream.get().project() + " is a proxy cache: it holds what its "
                        + "upstream registry has, and takes no pushes; push to an ordinary project",
                        Map.of("project", upstream.get().project())));
            }
        })).onFailure(rc::fail);
    }

    private interface Proxy {
        void serve(RoutingContext rc, Upstream upstream);
    }

    private Handler<RoutingContext> pull(Handler<RoutingContext> cached, Proxy proxy) {
        return rc -> projects.of(Authorizer.repositoryOf(rc).project()).onSuccess(guarded(rc, upstream -> {
            if (upstream.isEmpty()) {
                cached.handle(rc);
            } else {
                rc.put(CACHED, cached);
                proxy.serve(rc, upstream.get());
            }
        })).onFailure(rc::fail);
    }

    /** Where the proxy handlers find the ordinary handler, to serve what is cached. */
    private static final String CACHED = "berth.proxy.cached";

    /** Serves the request from the cache, with the ordinary handler. */
    static void fromCache(RoutingContext rc) {
        rc.<Handler<RoutingContext>>get(CACHED).handle(rc);
    }
}
