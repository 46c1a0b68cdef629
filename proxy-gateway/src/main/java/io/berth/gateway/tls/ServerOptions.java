package io.berth.gateway.tls;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP/2 is offered over TLS (ALPN), as registry clients expect. Cleartext HTTP/2 by {@code Upgrade: h2c}
 * is refused: no registry client uses it, and a large body sent with the upgrade request stalled.
 */
@ApplicationScoped
public class ServerOptions implements HttpServerOptionsCustomizer {
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
