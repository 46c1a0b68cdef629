package io.berth.registry.api;

import static io.berth.common.scope.Scope.DELETE;
import static io.berth.common.scope.Scope.PULL;
import static io.berth.common.scope.Scope.PUSH;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.registry.auth.Authorizer;
import io.berth.registry.blob.BlobHandlers;
import io.berth.registry.catalog.CatalogHandlers;
import io.berth.registry.manifest.ManifestHandlers;
import io.berth.registry.readonly.ReadOnlyMode;
import io.berth.registry.proxy.ProxyGate;
import io.berth.registry.referrer.ReferrerHandlers;
import io.berth.registry.tag.TagHandlers;
import io.berth.registry.upload.UploadHandlers;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Distribution API's routing table. Each route runs the authorizer for the access it needs, then
 * one handler; every failure is written by {@link OciFailureHandler}. Bodies are never aggregated by
 * the framework: requests are paused until a handler streams them.
 */
@ApplicationScoped
public class RegistryRoutes {
    private static final String NAME = "(?<name>[^?#]+?)";
    /** Each route's path and the methods it answers, in the order registered: what a 405's Allow lists. */
    private final List<Map.Entry<Pattern, List<HttpMethod>>> endpoints = new ArrayList<>();
    private static final Pattern DOT_SEGMENT = Pattern.compile("/\\.{1,2}(/|$)|%2[eE]");

    private final Authorizer auth;
    private final BlobHandlers blobs;
    private final UploadHandlers uploads;
    private final ManifestHandlers manifests;
    private final TagHandlers tags;
    private final ReferrerHandlers referrers;
    private final CatalogHandlers catalog;
    private final ReadOnlyMode readOnly;
    private final ProxyGate proxy;

    RegistryRoutes(Authorizer auth, BlobHandlers blobs, UploadHandlers uploads, ManifestHandlers manifests, TagHandlers tags,
            ReferrerHandlers referrers, CatalogHandlers catalog, ReadOnlyMode readOnly, ProxyGate proxy) {
        this.readOnly = readOnly;
        this.proxy = proxy;
        this.auth = auth;
        this.blobs = blobs;
        this.uploads = uploads;
        this.manifests = manifests;
        this.tags = tags;
        this.referrers = referrers;
        this.catalog = catalog;
    }

    void register(@Observes Router router) {
        router.route("/v2/*").order(-100).handler(RegistryRoutes::prepare).failureHandler(new OciFailureHandler());
        // as CNCF Distribution answers it: some tools probe the API without the slash
        router.routeWithRegex("^/v2$").order(-200).handler(rc -> rc.response().setStatusCode(301).putHeader("Location", "/v2/")
                .putHeader(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE).putHeader("Content-Length", "0").end());

        on(router, "^/v2/$", auth.authenticated(), RegistryRoutes::base, HttpMethod.GET, HttpMethod.HEAD);
        on(router, "^/v2/_catalog$", auth.catalog(), catalog::list, HttpMethod.GET);
        on(router, "^/v2/" + NAME + "/tags/list$", auth.repository(PULL), tags::list, HttpMethod.GET);
        on(router, "^/v2/" + NAME + "/manifests/(?<reference>[^/]+)$", auth.repository(PULL), proxy.manifests(manifests::get), HttpMethod.GET, HttpMethod.HEAD);
        on(router, "^/v2/" + NAME + "/manifests/(?<reference>[^/]+)$", auth.repository(PUSH), writes(proxy.refusingPush(manifests::put)), HttpMethod.PUT);
        on(router, "^/v2/" + NAME + "/manifests/(?<reference>[^/]+)$", auth.repository(DELETE), writes(manifests::delete), HttpMethod.DELETE);
        on(router, "^/v2/" + NAME + "/blobs/uploads/?$", auth.uploadStart(), writes(proxy.refusingPush(uploads::start)), HttpMethod.POST);
        on(router, "^/v2/" + NAME + "/blobs/uploads/(?<uuid>[^/]+)$", auth.repository(PUSH), writes(proxy.refusingPush(uploads::patch)), HttpMethod.PATCH);
        on(router, "^/v2/" + NAME + "/blobs/uploads/(?<uuid>[^/]+)$", auth.repository(PUSH), writes(proxy.refusingPush(uploads::complete)), HttpMethod.PUT);
        on(router, "^/v2/" + NAME + "/blobs/uploads/(?<uuid>[^/]+)$", auth.repository(PUSH), uploads::status, HttpMethod.GET);
        on(router, "^/v2/" + NAME + "/blobs/uploads/(?<uuid>[^/]+)$", auth.repository(PUSH), uploads::cancel, HttpMethod.DELETE);
        on(router, "^/v2/" + NAME + "/blobs/(?<digest>[^/]+)$", auth.repository(PULL), proxy.blobs(blobs::get), HttpMethod.GET, HttpMethod.HEAD);
        on(router, "^/v2/" + NAME + "/blobs/(?<digest>[^/]+)$", auth.repository(DELETE), writes(blobs::delete), HttpMethod.DELETE);
        on(router, "^/v2/" + NAME + "/referrers/(?<digest>[^/]+)$", auth.repository(PULL), referrers::list, HttpMethod.GET);
        router.routeWithRegex("^/v2/.*").order(10_000).handler(this::unmatched);
    }

    /** A handler that changes content: refused while Berth is read-only ({@link ReadOnlyMode}), after authorization. */
    private Handler<RoutingContext> writes(Handler<RoutingContext> handler) {
        return readOnly.unlessReadOnly(handler);
    }

    private void on(Router router, String regex, Handler<RoutingContext> authorize, Handler<RoutingContext> handler,
            HttpMethod... methods) {
        endpoints.add(Map.entry(Pattern.compile(regex), List.of(methods)));
        Route route = router.routeWithRegex(regex);
        Arrays.stream(methods).forEach(route::method);
        route.handler(authorize).handler(handler);
    }

    /** Every /v2/ response says which API it speaks; the body waits until a handler wants it. */
    private static void prepare(RoutingContext rc) {
        rc.request().pause();
        if (DOT_SEGMENT.matcher(rc.request().path()).find()) {
            // Vert.x would resolve the dots and route to another repository; the name itself is invalid
            rc.fail(new OciException(OciErrorCode.NAME_INVALID, "invalid repository name: '.' and '..' are not path components"));
            return;
        }
        if (rc.request().path().contains("//")) {
            // Vert.x would merge the slashes and route to the name without the empty component
            rc.fail(new OciException(OciErrorCode.NAME_INVALID, "invalid repository name: empty path component"));
            return;
        }
        rc.response().putHeader(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE);
        rc.next();
    }

    private static void base(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/json").end("{}");
    }

    /** A method no route of the path answers is 405 with the methods that are (RFC 9110 §15.5.6); a path no route has, 404. */
    private void unmatched(RoutingContext rc) {
        String path = rc.request().path();
        Set<String> allowed = new LinkedHashSet<>();
        endpoints.stream().filter(e -> e.getKey().matcher(path).matches()).forEach(e -> e.getValue().forEach(m -> allowed.add(m.name())));
        if (allowed.isEmpty()) {
            rc.fail(new OciException(OciErrorCode.ENDPOINT_UNKNOWN, "no such endpoint: " + path));
        } else {
            rc.fail(new OciErrorWithHeaders(OciErrorCode.METHOD_UNSUPPORTED, rc.request().method() + " is not supported on " + path,
                    Map.of("Allow", String.join(", ", allowed))));
        }
    }
}
