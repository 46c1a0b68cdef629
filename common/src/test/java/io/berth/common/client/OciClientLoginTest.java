package io.berth.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.berth.common.media.MediaTypes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access each request asks a token for, tokens signed in a caller's name, and refusals in the registry's
 * own words, against a registry stub that records every request and answers what the test queued.
 */
class OciClientLoginTest {
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Deque<int[]> statuses = new ArrayDeque<>();
    final Deque<String> bodies = new ArrayDeque<>();
    RegistryEndpoint endpoint;

    @BeforeEach
    void stub() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                requests.add(exchange.getRequestMethod() + " " + URLDecoder.decode(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8)
                        + (authorization == null ? "" : " " + authorization));
                if (exchange.getRequestURI().getPath().equals("/token")) {
                    byte[] token = "{\"token\":\"from-the-realm\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, token.length);
                    exchange.getResponseBody().write(token);
                    return;
                }
                if (authorization == null) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + endpoint.url() + "/token\",service=\"stub\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                int status = statuses.isEmpty() ? 202 : statuses.poll()[0];
                byte[] body = (bodies.isEmpty() ? "" : bodies.poll()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
        endpoint = new RegistryEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null, null, false);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(int status, String body) {
        statuses.add(new int[] {status});
        bodies.add(body);
    }

    @Test
    void deletesAskATokenForDeleteAndPushesForPullAndPush() {
        OciClient client = new OciClient(endpoint, Duration.ofMillis(10));
        assertThat(client.deleteManifest("p/app", "v1")).isTrue();
        assertThat(client.deleteTag("p/app", "v2")).isTrue();
        assertThat(requests).containsExactly(
                "DELETE /v2/p/app/manifests/v1",
                "GET /token?service=stub&scope=repository:p/app:delete",
                "DELETE /v2/p/app/manifests/v1 Bearer from-the-realm",
                "DELETE /v2/p/app/manifests/v2 Bearer from-the-realm");
        requests.clear();
        answer(201, "");
        client.putManifest("p/app", "v3", new Manifest("{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, null));
        assertThat(requests).containsExactly("PUT /v2/p/app/manifests/v3",
                "GET /token?service=stub&scope=repository:p/app:pull,push",
                "PUT /v2/p/app/manifests/v3 Bearer from-the-realm");
    }

    @Test
    void aClientSigningForACallerSignsEachAccessAtOnceAndSharesNoLogin() {
        OciClient registry = new OciClient(endpoint, new Retry(1, Duration.ZERO), Duration.ofSeconds(10), null);
        OciClient alice = registry.signingWith(scopes -> "alice " + scopes);
        OciClient bob = registry.signingWith(scopes -> "bob " + scopes);
        assertThat(alice.deleteManifest("p/app", "v1")).isTrue();
        answer(201, "");
        alice.putManifest("p/app", "v2", new Manifest("{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, null));
        assertThat(bob.deleteManifest("p/app", "v1")).isTrue();
        assertThat(requests).containsExactly(
                "DELETE /v2/p/app/manifests/v1 Bearer alice [repository:p/app:delete]",
                "PUT /v2/p/app/manifests/v2 Bearer alice [repository:p/app:pull,push]",
                "DELETE /v2/p/app/manifests/v1 Bearer bob [repository:p/app:delete]");
    }

    @Test
    void refusalsCarryTheRegistrysOwnWordsAndARetryOfOneTriesOnce() {
        OciClient registry = new OciClient(endpoint, new Retry(1, Duration.ZERO), Duration.ofSeconds(10), null).signingWith(scopes -> "t");
        answer(409, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"an index lists it\",\"detail\":null}]}");
        RegistryException conflict = catchThrowableOfType(RegistryException.class, () -> registry.deleteManifest("p/app", "v1"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.answer()).isEqualTo("an index lists it");
        assertThat(conflict.getMessage()).startsWith("DELETE manifest p/app@v1 answered 409: {\"errors\"");
        answer(400, "not json");
        assertThat(catchThrowableOfType(RegistryException.class, () -> registry.deleteManifest("p/app", "v1")).answer()).isEqualTo("not json");
        requests.clear();
        answer(503, "");
        RegistryException unavailable = catchThrowableOfType(RegistryException.class, () -> registry.deleteManifest("p/app", "v1"));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.answer()).isEmpty();
        assertThat(requests).hasSize(1);
    }
}
