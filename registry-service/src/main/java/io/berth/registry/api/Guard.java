package io.berth.registry.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** Async continuations of a route handler: anything they throw fails the request (answered in OCI form), never the event loop. */
public final class Guard {
    private Guard() {}

    public static <T> Handler<T> guarded(RoutingContext rc, Consumer<T> body) {
        return value -> {
            try {
                body.accept(value);
            } catch (RuntimeException e) {
                rc.fail(e);
            }
        };
    }
}
