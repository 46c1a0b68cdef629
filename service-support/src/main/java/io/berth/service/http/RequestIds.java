package io.berth.service.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every request carries an {@code X-Request-Id}: the one the gateway (or client) sent if it is
 * well-formed, else a new one. It is echoed in the response and put in the logging context, so every
 * log line about the request names it.
 */
@ApplicationScoped
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = idOf(rc.request());
            MDC.put(MDC_KEY, id);
            rc.response().putHeader(HEADER, id);
            rc.put(MDC_KEY, id);
            rc.next();
        }, 10_000);
    }

    /** The request's id if it sent an acceptable one, otherwise a fresh one. */
    public static String idOf(HttpServerRequest request) {
        String sent = request.getHeader(HEADER);
        return sent != null && ACCEPTABLE.matcher(sent).matches() ? sent : io.berth.common.RequestIdGenerator.next();
    }
}
