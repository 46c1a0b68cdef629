package io.berth.gateway;

import io.berth.common.config.CoreConfig;
import io.berth.common.config.RegistryConfig;
import io.berth.gateway.proxy.Backend;
import io.berth.gateway.proxy.ProxyHandler;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The routing table of the public port: {@code /v2} to registry-service; {@code /service},
 * {@code /api} and {@code /c} to core-service; anything else is the portal (see PortalFallback).
 * The services' {@code /q/} endpoints are never forwarded.
 */
@ApplicationScoped
public class GatewayRoutes {
    private final ProxyHandler proxy;
    private final Backend registry;
    private final Backend core;

    GatewayRoutes(ProxyHandler proxy, RegistryConfig registry, CoreConfig core) {
        this.proxy = proxy;
        this.registry = Backend.of("registry-service", registry.url(), Backend.ErrorFormat.OCI);
        this.core = Backend.of("core-service", core.url(), Backend.ErrorFormat.HARBOR);
    }

    void register(@Observes Router router) {
        router.routeWithRegex("^/v2(/.*)?$").order(-1000).handler(rc -> proxy.forward(rc, registry));
        router.routeWithRegex("^/(service|api|c)(/.*)?$").order(-1000).handler(rc -> proxy.forward(rc, core));
    }
}
