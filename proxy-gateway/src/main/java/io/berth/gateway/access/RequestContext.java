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
    private static final String STARTED = "berth.started";
    private static final String LOGGED = "berth.logged";
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
        rc.put(STARTED, System.nanoTime());
        // Vert.x Web's end handlers: called when the answer is complete (a response end handler of our own would take
        // the place of Vert.x Web's and Quarkus's, or theirs ours). An exchange the gateway breaks off is logged by
        // whoever breaks it off (aborted), as it may end no other way that is seen here.
        rc.addEndHandler(ended -> logOnce(rc, ended.failed() || !response.ended()));
        rc.next();
    }

    /** Writes the access-log line of an exchange the gateway breaks off (a service broke off, a client left), marked aborted. */
    public static void aborted(RoutingContext rc) {
        logOnce(rc, true);
    }

    private static void logOnce(RoutingContext rc, boolean aborted) {
        Long start = rc.get(STARTED);
        if (start == null || rc.get(LOGGED) != null) {
            return;
        }
        rc.put(LOGGED, Boolean.TRUE);
        HttpServerRequest request = rc.request();
        String id = requestId(rc);
        long micros = (System.nanoTime() - start) / 1_000;
        String agent = request.getHeader("User-Agent");
        MDC.put(KEY, id);
        ACCESS.infof("%s %s %s status=%d in=%d out=%d ms=%d.%03d id=%s ua=\"%s\"%s",
                remote(request), request.method(), request.path(), rc.response().getStatusCode(),
                request.bytesRead(), rc.response().bytesWritten(), micros / 1000, micros % 1000, id,
                agent == null ? "-" : agent.replace('"', '\''), aborted ? " aborted" : "");
    }

    /**
     * The access-log line of a request the HTTP decoder refused before any handler saw it (a request line or
     * headers too long or malformed: Vert.x answers 400, 414 or 431 itself), or whose head did not arrive in time
     * (408: the connection was closed), seen on the wire by {@link HeaderTimeout}.
     */
    static void refusedOnTheWire(String remote, int status, long bytesIn, long micros, String reason) {
        String id = io.berth.common.RequestIdGenerator.next();
        MDC.put(KEY, id);
        ACCESS.infof("%s - - status=%d in=%d out=- ms=%d.%03d id=%s ua=\"-\" %s",
                remote, status, bytesIn, micros / 1000, micros % 1000, id, reason);
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
