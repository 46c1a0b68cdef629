package io.berth.gateway.access;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses requests whose framing a proxy must not guess at (RFC 9112): a Transfer-Encoding other than
 * {@code chunked} alone (§6.3; Netty took {@code xchunked} for no body and read the body as the next
 * request, and dropped {@code gzip} from {@code gzip, chunked}), or more than one Host (§3.2). The answer
 * is 400 and the connection is closed, so no byte after the head is ever read as a request.
 */
@ApplicationScoped
public class MessageFraming {
    /** Marks a connection closing after a refusal (an attribute of its channel: no lock, nothing to clean up). */
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("berth.refused");

    void register(@Observes Filters filters) {
        // after RequestContext (20,000): a refusal has its id and its access-log line
        filters.register(this::check, 19_000);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Channel channel = request.connection() instanceof ConnectionBase connection ? connection.channel() : null;
        if (channel != null && channel.hasAttr(REFUSED)) {
            // a request read after a refused one on its connection: Vert.x takes it up as the refusal ends
            request.connection().close();
            return;
        }
        MultiMap headers = request.headers();
        // the usual request has no Transfer-Encoding and one Host: found without building a list of either
        boolean unframed = false;
        if (headers.contains("Transfer-Encoding")) {
            List<String> codings = headers.getAll("Transfer-Encoding");
            unframed = !(codings.size() == 1 && "chunked".equalsIgnoreCase(codings.get(0).trim()));
        }
        if (unframed || headers.getAll("Host").size() > 1) {
            if (channel != null) {
                channel.attr(REFUSED).set(Boolean.TRUE);
            }
            rc.response().setStatusCode(400).putHeader("Connection", "close").putHeader("Content-Type", "text/plain")
                    .end(unframed ? "Transfer-Encoding must be chunked alone\n" : "one Host header, not several\n")
                    .onComplete(v -> request.connection().close());
            return;
        }
        rc.next();
    }
}
