package io.berth.jobs.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * core's internal audit-log purge API as a test plays it: {@code start} answers a fixed cutoff, {@code batch} hands
 * out the entry ids it holds after the request's {@code after} key, at most {@code limit}, and removes them unless
 * it is a dry run. It records every call's op and body and its token's audience; it can hold a batch, answer 503
 * a number of times, or answer 400.
 */
final class StubCorePurge implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CUTOFF = "2026-12-01T10:00:00Z";
    static final String OP_TIME = "2026-11-01T10:00:00Z";

    final HttpServer server;
    final List<Long> entries = Collections.synchronizedList(new ArrayList<>());
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> audiences = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile boolean refuse;
    volatile CountDownLatch hold = new CountDownLatch(0);

    StubCorePurge(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/audit/purge/", this::handle);
        server.start();
    }

    void reset(int count) {
        entries.clear();
        for (long id = 1; id <= count; id++) {
            entries.add(id);
        }
        calls.clear();
        bodies.clear();
        audiences.clear();
        failuresLeft.set(0);
        refuse = false;
        hold = new CountDownLatch(0);
    }

    long batches() {
        return calls.stream().filter("batch"::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String op = exchange.getRequestURI().getPath().substring("/internal/audit/purge/".length());
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            calls.add(op);
            bodies.add(body);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            audiences.add(auth == null ? "none" : JSON.readTree(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1])).path("aud").asText());
            if (failuresLeft.getAndDecrement() > 0) {
                answer(exchange, 503, JSON.createObjectNode().put("error", "not now"));
            } else if (refuse) {
                answer(exchange, 400, JSON.readTree("{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"no\"}]}"));
            } else if (op.equals("start")) {
                answer(exchange, 200, JSON.createObjectNode().put("cutoff", CUTOFF));
            } else {
                hold.await();
                answer(exchange, 200, batch(body));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode batch(JsonNode body) {
        long after = body.path("after").path("id").asLong(0);
        int limit = body.path("limit").asInt();
        List<Long> picked;
        synchronized (entries) {
            picked = entries.stream().filter(id -> id > after).sorted().limit(limit).toList();
            if (!body.path("dry_run").asBoolean()) {
                entries.removeAll(picked);
            }
        }
        ObjectNode done = JSON.createObjectNode().put("count", picked.size());
        if (picked.size() == limit) {
            done.set("next", JSON.createObjectNode().put("op_time", OP_TIME).put("id", picked.get(picked.size() - 1)));
        } else {
            done.putNull("next");
        }
        return done;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
