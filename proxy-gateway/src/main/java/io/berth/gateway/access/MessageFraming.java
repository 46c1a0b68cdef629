package io.berth.gateway.access;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Refuses requests whose framing a proxy must not guess at (RFC 9112): a Transfer-Encoding other than
 * {@code chunked} alone (§6.3; Netty took {@code xchunked} for no body and read the body as the next
 * request, and dropped {@code gzip} from {@code gzip, chunked}), or more than one Host (§3.2). The answer
 * is 400 and the connection is closed, so no byte after the head is ever read as a request.
 */
@ApplicationScoped
public class MessageFraming {
    /** Connections closing after a refusal (weakly held: a closed connection leaves by itself). */
    private final Set<HttpConnection> refused = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    void register(@Observes Filters filters) {
        // after RequestContext (20,000): a refusal has its id and its access-log line
        filters.register(this::check, 19_000);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (refused.contains(request.connection())) {
            // a request read after a refused one on its connection: Vert.x takes it up as the refusal ends
            request.connection().close();
            return;
        }
        List<String> codings = request.headers().getAll("Transfer-Encoding");
        boolean unframed = !codings.isEmpty() && !(codings.size() == 1 && "chunked".equalsIgnoreCase(codings.get(0).trim()));
        if (unframed || request.headers().getAll("Host").size() > 1) {
            refused.add(request.connection());
            rc.response().setStatusCode(400).putHeader("Connection", "close").putHeader("Content-Type", "text/plain")
                    .end(unframed ? "Transfer-Encoding must be chunked alone\n" : "one Host header, not several\n")
                    .onComplete(v -> request.connection().close());
            return;
        }
        rc.next();
    }
}
