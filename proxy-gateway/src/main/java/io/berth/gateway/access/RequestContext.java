package io.berth.gateway.access;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * First thing on every request: give it an id (the client's {@code X-Request-Id} if well-formed),
 * echo it, and when the exchange is over write one access-log line with method, path, status,
 * bytes in and out, duration, id and user agent.
 */
@ApplicationScoped
public class RequestContext {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String KEY = "request_id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");
    private static final Logger ACCESS = Logger.getLogger("io.berth.gateway.access");

    void register(@Observes Filters filters) {
        filters.register(this::begin, 20_000);
    }

    private void begin(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (HeaderTimeout.PROBE_PATH.equals(request.path())) {
            rc.next(); // the gateway's own requests at start: not a client's, and not logged
            return;
        }
        String sent = request.getHeader(REQUEST_ID_HEADER);
        String id = sent != null && ACCEPTABLE.matcher(sent).matches() ? sent : io.berth.common.RequestIdGenerator.next();
        rc.put(KEY, id);
        MDC.put(KEY, id);
        HttpServerResponse response = rc.response();
        response.putHeader(REQUEST_ID_HEADER, id);
        long start = System.nanoTime();
        response.endHandler(v -> log(rc, id, start, false));
        response.closeHandler(v -> {
            if (!response.ended()) {
                log(rc, id, start, true);
            }
        });
        rc.next();
    }

    private static void log(RoutingContext rc, String id, long start, boolean aborted) {
        HttpServerRequest request = rc.request();
        long micros = (System.nanoTime() - start) / 1_000;
        String agent = request.getHeader("User-Agent");
        MDC.put(KEY, id);
        ACCESS.infof("%s %s %s status=%d in=%d out=%d ms=%d.%03d id=%s ua=\"%s\"%s",
                remote(request), request.method(), request.path(), rc.response().getStatusCode(),
                request.bytesRead(), rc.response().bytesWritten(), micros / 1000, micros % 1000, id,
                agent == null ? "-" : agent.replace('"', '\''), aborted ? " aborted" : "");
    }

    private static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
    }

    /** The id given to this request. */
    public static String requestId(RoutingContext rc) {
        String id = rc.get(KEY);
        return id != null ? id : io.berth.common.RequestIdGenerator.next();
    }
}
