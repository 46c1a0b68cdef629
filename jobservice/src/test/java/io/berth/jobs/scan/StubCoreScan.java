package io.berth.jobs.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * core's internal scan API as these tests play it ({@code POST /internal/scan/reports}): it records each posted report and
 * its token's audience, and answers 204, or 503 a number of times first ({@link #failuresLeft}) — the misbehaviour a
 * test must produce on demand to show that a task tried again does not ask the adapter for a second scan.
 */
final class StubCoreScan implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpServer server;
    final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    final List<String> audiences = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    StubCoreScan(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/scan/reports", this::handle);
        server.start();
    }

    void reset() {
        posts.clear();
        audiences.clear();
        failuresLeft.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            posts.add(JSON.readTree(exchange.getRequestBody()));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            audiences.add(auth == null ? "none" : JSON.readTree(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1])).path("aud").asText());
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
