package io.berth.core.authproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test double of an auth proxy, because no real one (nor a Kubernetes API server) exists on these machines: an HTTPS
 * server (JDK HttpsServer, with a certificate from {@link TestCa}) that implements the two contracts Berth relies on.
 * {@code POST /login} takes Basic credentials and answers 200 with Harbor's {@code {"session_id"}} or 401;
 * {@code POST /tokenreview} is Kubernetes' TokenReview of {@code authentication.k8s.io/v1} as documented (the request's
 * apiVersion, kind and spec.token are checked; an unauthenticated status leaves {@code authenticated} out, as
 * Kubernetes' JSON does). Misbehaviour (slow, malformed, over-long names) is produced on demand through {@link #mode}.
 */
final class AuthProxyServer implements AutoCloseable {
    enum Mode { NORMAL, SLOW, MALFORMED_REVIEW, LONG_GROUP }

    record Identity(String username, List<String> groups) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, String> passwords = new ConcurrentHashMap<>();
    final Map<String, List<String>> groups = new ConcurrentHashMap<>();
    /** Bearer tokens (and session ids given at login) → whose they are. */
    final Map<String, Identity> tokens = new ConcurrentHashMap<>();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger reviews = new AtomicInteger();
    volatile Mode mode = Mode.NORMAL;

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    AuthProxyServer(TestCa ca) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(ca.serverKeyStore())));
        server.createContext("/login", this::login);
        server.createContext("/tokenreview", this::review);
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void login(HttpExchange exchange) throws IOException {
        logins.incrementAndGet();
        slowIfAsked();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!"POST".equals(exchange.getRequestMethod()) || authorization == null || !authorization.startsWith("Basic ")) {
            answer(exchange, 401, "{}");
            return;
        }
        String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        String name = pair.substring(0, pair.indexOf(':'));
        String password = pair.substring(pair.indexOf(':') + 1);
        if (!password.equals(passwords.get(name))) {
            answer(exchange, 401, "{\"error\":\"invalid credentials\"}");
            return;
        }
        String session = "session-" + UUID.randomUUID();
        tokens.put(session, new Identity(name, groups.getOrDefault(name, List.of())));
        answer(exchange, 200, JSON.writeValueAsString(Map.of("session_id", session)));
    }

    private void review(HttpExchange exchange) throws IOException {
        reviews.incrementAndGet();
        slowIfAsked();
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
            request = JSON.readTree(body);
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !"authentication.k8s.io/v1".equals(request.path("apiVersion").asText())
                || !"TokenReview".equals(request.path("kind").asText()) || !request.path("spec").path("token").isTextual()) {
            answer(exchange, 400, "{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"not a TokenReview\",\"code\":400}");
            return;
        }
        if (mode == Mode.MALFORMED_REVIEW) {
            answer(exchange, 201, "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"status\":{\"authenticated\":\"yes\"");
            return;
        }
        Identity who = tokens.get(request.path("spec").path("token").asText());
        Map<String, Object> status;
        if (who == null) {
            status = Map.of("error", "token not recognised");
        } else {
            List<String> groupsOf = mode == Mode.LONG_GROUP ? List.of("g".repeat(300)) : who.groups();
            status = Map.of("authenticated", true, "user", Map.of("username", who.username(), "uid", "uid-" + who.username(),
                    "groups", groupsOf));
        }
        answer(exchange, 201, JSON.writeValueAsString(Map.of("apiVersion", "authentication.k8s.io/v1", "kind", "TokenReview",
                "spec", Map.of(), "status", status)));
    }

    private void slowIfAsked() {
        if (mode == Mode.SLOW) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static SSLContext serverContext(Path pkcs12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, TestCa.PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, TestCa.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
