package io.berth.jobs.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook endpoint the tests run (JDK HttpServer): {@code /ok/<name>} answers 204, {@code /flaky/<name>} answers 500
 * to its first request and 204 after, {@code /dead/<name>} never answers (until closed), {@code /stuck/<name>} never
 * answers its first request and answers 204 after (a delivery in flight when its sender dies). Every request is kept,
 * by path. A test double for the remote party only: its misbehaviour must come on demand.
 */
public final class Receiver implements AutoCloseable {
    public record Received(String path, Map<String, List<String>> headers, byte[] body, int answered) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = 204;
        boolean stuck = path.startsWith("/stuck/") && flakyCalls.computeIfAbsent(path, k -> new AtomicInteger()).getAndIncrement() == 0;
        if (path.startsWith("/dead/") || stuck) {
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, 0));
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (path.startsWith("/flaky/") && flakyCalls.computeIfAbsent(path, k -> new AtomicInteger()).getAndIncrement() == 0) {
            status = 500;
        }
        received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
