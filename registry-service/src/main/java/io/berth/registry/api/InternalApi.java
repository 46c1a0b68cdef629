package io.berth.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.TokenConfig;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * registry-service's internal APIs for jobservice's jobs ({@code /internal/gc/}, {@code /internal/scrub/}): on the
 * service port but never routed by the gateway, {@code POST <prefix><op>} with a JSON body of at most 1 MiB, each
 * answered from a worker thread, only for a Bearer token signed by the shared token key ({@code token.issuer},
 * certificate {@code token.certificate}) for the prefix's own audience: anything else, a registry token or another
 * job's token included, is 401 before any work. Errors in Harbor's shape ({@code {"errors":[{"code","message"}]}}):
 * a malformed body or an {@link IllegalArgumentException} is 400.
 */
@ApplicationScoped
public class InternalApi {
    private static final Logger LOG = Logger.getLogger(InternalApi.class);
    private static final long MAX_BODY = 1 << 20;
    private static final int LEEWAY_SECONDS = 30;

    /** One operation: the body read, the answer (null: 204). */
    public interface Operation<T> {
        Object apply(T body) throws Exception;
    }

    private final Vertx vertx;
    private final ObjectMapper json;
    private final TokenConfig config;
    private final Map<String, TokenVerifier> verifiers = new ConcurrentHashMap<>();

    InternalApi(Vertx vertx, ObjectMapper json, TokenConfig config) {
        this.vertx = vertx;
        this.json = json;
        this.config = config;
    }

    /** Guards {@code prefix*} (e.g. {@code /internal/gc/}): tokens of {@code audience} only, bodies of at most 1 MiB. */
    public void guard(Router router, String prefix, String audience) {
        router.route(prefix + "*").order(-100).handler(rc -> check(rc, audience));
        router.route(prefix + "*").order(-99).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    }

    /** {@code POST path}: the body read as {@code type}, {@code operation} run on a worker thread, its answer as JSON. */
    public <T> void post(Router router, String path, Class<T> type, Operation<T> operation) {
        router.post(path).handler(rc -> {
            T body;
            try {
                body = json.readValue(rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes(), type);
            } catch (Exception e) {
                error(rc, 400, "BAD_REQUEST", "invalid " + type.getSimpleName() + ": " + e.getMessage());
                return;
            }
            Callable<Object> work = () -> operation.apply(body);
            vertx.executeBlocking(work, false).onComplete(done -> {
                if (done.succeeded()) {
                    if (done.result() == null) {
                        rc.response().setStatusCode(204).end();
                    } else {
                        try {
                            rc.response().putHeader("Content-Type", "application/json").end(json.writeValueAsString(done.result()));
                        } catch (Exception e) {
                            error(rc, 500, "INTERNAL_SERVER_ERROR", e.getMessage());
                        }
                    }
                } else if (done.cause() instanceof IllegalArgumentException bad) {
                    error(rc, 400, "BAD_REQUEST", bad.getMessage());
                } else {
                    LOG.warnf(done.cause(), "%s failed", path);
                    error(rc, 500, "INTERNAL_SERVER_ERROR", String.valueOf(done.cause().getMessage()));
                }
            });
        });
    }

    public static void error(RoutingContext rc, int status, String code, String message) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("code", code).put("message", message))).encode());
    }

    private void check(RoutingContext rc, String audience) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            error(rc, 401, "UNAUTHORIZED", "a Bearer token for " + audience + " is required");
            return;
        }
        try {
            verifier(audience).verify(authorization.substring(7).trim());
        } catch (TokenVerifier.Rejected e) {
            error(rc, 401, "UNAUTHORIZED", "invalid token: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            error(rc, 503, "UNAVAILABLE", "cannot read the token certificate: " + e.getMessage());
            return;
        }
        rc.next();
    }

    private TokenVerifier verifier(String audience) {
        return verifiers.computeIfAbsent(audience, a -> {
            try {
                return new TokenVerifier(config.issuer(), a, TokenKeys.readPublicKeys(Path.of(config.certificate())), LEEWAY_SECONDS);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
