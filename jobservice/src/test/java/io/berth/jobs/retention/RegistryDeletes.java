package io.berth.jobs.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.service.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test double of registry-service's OCI manifest DELETE, for jobservice's retention tests (the real one is driven by
 * launcher's RetentionIT): it deletes the manifest's rows from the test database's {@code registry} schema (tags go
 * with it) and answers 202, 404 for none, and — produced on demand — registry-service's 412 refusal of a manifest an
 * immutable tag rule protects, for the digests in {@link #immutable}. It records each call's token subject and
 * granted actions.
 */
final class RegistryDeletes implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final Set<String> immutable = ConcurrentHashMap.newKeySet();
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Each DELETE waits until this opens (at most 30 s): a run held in the middle of a deletion. */
    volatile CountDownLatch hold = new CountDownLatch(0);
    private final HttpServer server;

    RegistryDeletes(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v2/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int at = path.indexOf("/manifests/");
            if (!exchange.getRequestMethod().equals("DELETE") || at < 0) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String repository = path.substring("/v2/".length(), at);
            String digest = path.substring(at + "/manifests/".length());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(auth.substring("Bearer ".length()).split("\\.")[1]));
            calls.add(claims.path("sub").asText() + " " + claims.path("access").get(0).path("name").asText() + " "
                    + claims.path("access").get(0).path("actions") + " " + digest);
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (immutable.contains(digest)) {
                send(exchange, 412, "{\"errors\":[{\"code\":\"TAG_IMMUTABLE\",\"message\":\"configured as immutable (immutable tag rule 1)\"}]}");
                return;
            }
            int deleted;
            try (Connection c = DriverManager.getConnection(JobsTestResource.jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
                    PreparedStatement st = c.prepareStatement("DELETE FROM registry.manifest WHERE digest = ? AND repository_id = "
                            + "(SELECT id FROM registry.repository WHERE name = ?)")) {
                st.setString(1, digest);
                st.setString(2, repository);
                deleted = st.executeUpdate();
            } catch (java.sql.SQLException e) {
                send(exchange, 500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"" + e.getMessage() + "\"}]}");
                return;
            }
            if (deleted == 0) {
                send(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
                return;
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
