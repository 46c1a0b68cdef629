package io.berth.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * jobservice's API as core's job tests play it (jobservice does not run in core's tests): {@code POST
 * /jobs/<kind>/executions} records the request and answers 201 with {@link #id} (409 while {@link #busy}), {@code POST
 * /jobs/executions/<id>/stop} records the path and answers 200.
 */
public final class JobserviceDouble implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> started = new CopyOnWriteArrayList<>();
    public final List<String> stopped = new CopyOnWriteArrayList<>();
    public final AtomicBoolean busy = new AtomicBoolean();
    private final HttpServer server;
    private final long id;

    /** Serves on {@code port}, the kind's executions path {@code /jobs/<kind>/executions} (e.g. {@code gc}), answering {@code id}. */
    public JobserviceDouble(int port, String kind, long id) throws IOException {
        this.id = id;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/jobs/" + kind + "/executions", exchange -> {
            started.add(JSON.readTree(exchange.getRequestBody()));
            byte[] body = (busy.get() ? "{\"errors\":[{\"code\":\"CONFLICT\",\"message\":\"a " + kind + " job is running\"}]}"
                    : "{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(busy.get() ? 409 : 201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/jobs/executions/", exchange -> {
            stopped.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public long id() {
        return id;
    }

    /** Forgets what was asked, and is not busy. */
    public void reset() {
        started.clear();
        stopped.clear();
        busy.set(false);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
