package io.berth.registry.clients;

import io.berth.common.scope.Scope;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stands where core-service's token endpoint will be, so that real clients (skopeo, podman) run
 * their whole Docker token flow against the registry: it grants exactly the scopes requested,
 * signed with the test key. The registry's realm ({@code external_url}) points here.
 */
public class TestTokenService implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            int port = vertx.createHttpServer().requestHandler(request -> {
                Map<String, String> grants = new LinkedHashMap<>();
                for (Scope scope : Scope.parseAll(request.params().getAll("scope"))) {
                    if (Scope.REPOSITORY.equals(scope.type())) {
                        grants.merge(scope.name(), String.join(",", scope.actions()), (a, b) -> a + "," + b);
                    }
                }
                String token = Tokens.bearer(grants).substring(7);
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("token", token).put("access_token", token).put("expires_in", 300).encode());
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            return Map.of("berth.external_url", "http://127.0.0.1:" + port);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        vertx.close();
    }

    static {
        // the test key must exist before the first token is signed
        io.berth.common.token.TokenKeys.generateIfMissing(RegistryTestResource.KEY, RegistryTestResource.CERT, "berth-test-token-signer");
    }
}
