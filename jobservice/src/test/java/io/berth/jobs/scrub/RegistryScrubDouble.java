package io.berth.jobs.scrub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * registry-service's {@code /internal/scrub/check} as the test plays it (the real one is tested in registry-service's
 * ScrubContract): blobs in digest order, a page ends at its limit or once {@code max_bytes} were read, the rotten ones
 * are answered quarantined once. Records every request and the audience of its token.
 */
final class RegistryScrubDouble implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpServer server;
    final TreeMap<String, Long> blobs = new TreeMap<>();
    final Set<String> rotten = ConcurrentHashMap.newKeySet();
    final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> audiences = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failCall = new AtomicInteger(-1);
    volatile CountDownLatch hold = new CountDownLatch(0);

    RegistryScrubDouble(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/scrub/check", this::check);
        server.start();
    }

    void blobs(int count, long size) {
        synchronized (blobs) {
            blobs.clear();
            for (int i = 0; i < count; i++) {
                blobs.put(digest(i), size);
            }
        }
    }

    static String digest(int i) {
        return String.format("sha256:%064d", i);
    }

    private void check(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        audiences.add(auth == null ? "none" : JSON.readTree(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1])).path("aud").asText());
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        int call = requests.size();
        requests.add(body);
        if (call == failCall.get()) {
            answer(exchange, 503, JSON.createObjectNode().put("error", "not now"));
            return;
        }
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String after = body.path("after").asText("");
        int limit = body.path("limit").asInt();
        long maxBytes = body.path("max_bytes").asLong();
        int checked = 0;
        long bytes = 0;
        String next = null;
        ArrayNode quarantined = JSON.createArrayNode();
        List<java.util.Map.Entry<String, Long>> page;
        synchronized (blobs) {
            page = new ArrayList<>(blobs.tailMap(after, false).entrySet()).subList(0, Math.min(limit, blobs.tailMap(after, false).size()));
        }
        boolean cut = false;
        for (var blob : page) {
            if (checked > 0 && bytes >= maxBytes) {
                cut = true;
                break;
            }
            checked++;
            bytes += blob.getValue();
            next = blob.getKey();
            if (rotten.remove(blob.getKey())) {
                quarantined.add(JSON.createObjectNode().put("digest", blob.getKey()).put("size", blob.getValue())
                        .put("reason", "stored bytes hash to sha256:00").set("repositories", JSON.createArrayNode().add("p/app")));
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("checked", checked).put("bytes", bytes).put("busy", 0);
        if (!cut && page.size() < limit) {
            answer.putNull("next");
        } else {
            answer.put("next", next);
        }
        answer.set("quarantined", quarantined);
        answer.set("failures", JSON.createArrayNode());
        answer(exchange, 200, answer);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
