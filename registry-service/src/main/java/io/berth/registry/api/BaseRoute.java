package io.berth.registry.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code GET /v2/}: tells clients this is a registry that speaks the Distribution API. */
@ApplicationScoped
public class BaseRoute {
    public static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

    void register(@Observes Router router) {
        router.route("/v2/").handler(rc -> rc.response()
                .putHeader(API_VERSION_HEADER, "registry/2.0")
                .putHeader("Content-Type", "application/json")
                .end("{}"));
    }
}
