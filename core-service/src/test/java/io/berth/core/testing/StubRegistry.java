package io.berth.core.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for registry-service's {@code /v2/} that records each request core makes and answers what
 * the test queued (202 with no body when nothing is queued): for core tests of what core sends and how
 * it reads the answers, without a registry-service to run.
 */
public final class StubRegistry {
    /** One request as it arrived: the path undecoded. */
    public record Request(String method, String path, String authorization, String contentType, byte[] body) {}

    private record Answer(int status, String body) {}

    private static StubRegistry started;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    private StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), body));
                Answer answer;
                synchronized (answers) {
                    answer = answers.isEmpty() ? new Answer(202, "") : answers.poll();
                }
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(out);
                    }
                }
            }
        });
        server.start();
    }

    /** The one stub of this JVM, started on first use. */
    public static synchronized StubRegistry get() {
        if (started == null) {
            try {
                started = new StubRegistry();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return started;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request with {@code status} and {@code body}. */
    public void answer(int status, String body) {
        synchronized (answers) {
            answers.add(new Answer(status, body));
        }
    }

    /** The requests received since the last call, and forgets them (and any answer left unused). */
    public List<Request> take() {
        List<Request> taken = List.copyOf(requests);
        requests.clear();
        synchronized (answers) {
            answers.clear();
        }
        return taken;
    }
}
