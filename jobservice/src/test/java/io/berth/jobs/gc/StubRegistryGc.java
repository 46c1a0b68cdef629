package io.berth.jobs.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * registry-service's internal GC API as a test plays it: {@code candidates} hands out the items it holds for a kind,
 * a page at a time in key order, and {@code collect} deletes them (each answered as deleted, {@code size} bytes each);
 * it records every call, the largest number of collects at once, and the audience of each call's token.
 */
final class StubRegistryGc implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpServer server;
    final Map<String, List<JsonNode>> remaining = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<String> audiences = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger collecting = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile CountDownLatch hold = new CountDownLatch(0);
    volatile long size = 10;

    StubRegistryGc(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/gc/", this::handle);
        server.start();
    }

    void items(String kind, int count) {
        List<JsonNode> items = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            items.add(JSON.createObjectNode().put("repository_id", 1).put("repository", "p/app").put("project", "p")
                    .put("digest", String.format("sha256:%064d", i)).put("size", size));
        }
        remaining.put(kind, items);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/internal/gc/".length());
        calls.add(path);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        audiences.add(auth == null ? "none" : JSON.readTree(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1])).path("aud").asText());
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        try {
            if (failuresLeft.getAndDecrement() > 0) {
                answer(exchange, 503, JSON.createObjectNode().put("error", "not now"));
                return;
            }
            switch (path) {
                case "start" -> answer(exchange, 200, JSON.createObjectNode().put("cutoff", "2026-12-07T10:00:00Z").put("grace_seconds", 7200));
                case "finish" -> answer(exchange, 204, null);
                case "orphans/sweep" -> sweep(exchange, body);
                default -> {
                    String kind = path.substring(0, path.indexOf('/'));
                    if (path.endsWith("/candidates")) {
                        candidates(exchange, kind, body);
                    } else {
                        collect(exchange, kind, body);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stored objects without a row in {@code area}, {@code size} bytes each, as the sweep lists them. */
    void orphans(String area, int count) {
        List<String> paths = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            paths.add(String.format("%s/%064d/data", area, i));
        }
        orphans.put(area, paths);
    }

    final Map<String, List<String>> orphans = new ConcurrentHashMap<>();

    private void sweep(HttpExchange exchange, JsonNode body) throws IOException {
        List<String> paths = orphans.getOrDefault(body.path("area").asText(), List.of());
        String after = body.path("after").asText("");
        int limit = body.path("limit").asInt();
        List<String> page;
        synchronized (paths) {
            page = paths.stream().filter(p -> p.compareTo(after) > 0).limit(limit).toList();
        }
        ArrayNode deleted = JSON.createArrayNode();
        page.forEach(p -> deleted.add(JSON.createObjectNode().put("path", p).put("size", size)));
        if (!body.path("dry_run").asBoolean()) {
            paths.removeAll(page);
        }
        ObjectNode answer = JSON.createObjectNode().put("listed", page.size()).put("young", 0).put("busy", 0)
                .put("bytes", page.size() * size);
        answer.set("deleted", deleted);
        answer.set("failures", JSON.createArrayNode());
        if (page.size() == limit) {
            answer.put("next", page.get(page.size() - 1));
        } else {
            answer.putNull("next");
        }
        answer(exchange, 200, answer);
    }

    private void candidates(HttpExchange exchange, String kind, JsonNode body) throws IOException {
        List<JsonNode> items = remaining.getOrDefault(kind, List.of());
        String after = body.path("after").path("digest").asText("");
        int limit = body.path("limit").asInt();
        ArrayNode page = JSON.createArrayNode();
        synchronized (items) {
            items.stream().filter(i -> i.path("digest").asText().compareTo(after) > 0).limit(limit).forEach(page::add);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("items", page);
        if (page.size() == limit) {
            JsonNode last = page.get(page.size() - 1);
            answer.set("next", JSON.createObjectNode().put("repository_id", 1).put("digest", last.path("digest").asText()));
        } else {
            answer.putNull("next");
        }
        answer(exchange, 200, answer);
    }

    private void collect(HttpExchange exchange, String kind, JsonNode body) throws IOException, InterruptedException {
        int now = collecting.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(30);
            hold.await();
            ArrayNode deleted = JSON.createArrayNode();
            List<JsonNode> items = remaining.getOrDefault(kind, List.of());
            for (JsonNode item : body.path("items")) {
                deleted.add(JSON.createObjectNode().put("kind", kind.substring(0, 1).toUpperCase()).put("repository", "p/app")
                        .put("digest", item.path("digest").asText()).put("size", item.path("size").asLong()));
                if (!body.path("dry_run").asBoolean()) {
                    items.removeIf(i -> i.path("digest").asText().equals(item.path("digest").asText()));
                }
            }
            ObjectNode answer = JSON.createObjectNode().put("busy", 1).put("in_use", 0).put("bytes", deleted.size() * size);
            answer.set("deleted", deleted);
            answer.set("failures", JSON.createArrayNode());
            answer(exchange, 200, answer);
        } finally {
            collecting.decrementAndGet();
        }
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        if (body != null) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
