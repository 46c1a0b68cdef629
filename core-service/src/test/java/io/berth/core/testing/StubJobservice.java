package io.berth.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for jobservice's {@code /jobs} API, for core tests of what core asks it (the housekeeping jobs' API):
 * {@code POST /jobs/<kind>/executions} is recorded by kind and answered 201 {@code {"id":424242}}, or 409 while
 * {@link #BUSY}; {@code POST /jobs/executions/<id>/stop} is recorded and answered 200. One per JVM, started on first
 * use; the tests that use it share {@link Profile}, so Quarkus starts once for all of them.
 */
public final class StubJobservice {
    public static final long ID = 424242;
    public static final AtomicBoolean BUSY = new AtomicBoolean();
    public static final List<String> STOPPED = new CopyOnWriteArrayList<>();
    private static final Map<String, List<JsonNode>> STARTED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpServer SERVER = start();

    private StubJobservice() {}

    /** core pointed at the stub. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.jobservice.url", "http://127.0.0.1:" + SERVER.getAddress().getPort());
        }
    }

    /** The requests to start a {@code kind} ({@code gc}, {@code purgeaudit}) received since the last {@link #reset}. */
    public static List<JsonNode> started(String kind) {
        return STARTED.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>());
    }

    public static void reset() {
        STARTED.values().forEach(List::clear);
        STOPPED.clear();
        BUSY.set(false);
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jobs/", StubJobservice::handle);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/"); // "", "jobs", <kind>|executions, ...
            if (path[2].equals("executions")) {
                STOPPED.add(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            started(path[2]).add(JSON.readTree(exchange.getRequestBody()));
            boolean busy = BUSY.get();
            byte[] body = (busy ? "{\"errors\":[{\"code\":\"CONFLICT\",\"message\":\"one is running\"}]}" : "{\"id\":" + ID + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(busy ? 409 : 201, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
