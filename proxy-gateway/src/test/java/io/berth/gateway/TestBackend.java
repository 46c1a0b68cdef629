package io.berth.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.berth.common.download.BlobFileHandoff;
import io.berth.common.testing.GeneratedBody;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP server standing behind the gateway in these tests, so they can see exactly what
 * arrives there: it hashes uploads as they stream in, streams generated downloads, echoes headers,
 * and can hang or break off. core-service is configured at a port where nothing listens: a socket
 * bound there and never listening keeps it so (a port found free and let go can be handed out again,
 * even to the gateway itself, which then proxies to itself until the idle timeout).
 */
public class TestBackend implements QuarkusTestResourceLifecycleManager {
    /** Paths of every request that reached the backend. */
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();
    /** For each request under {@code /v2/files/}: whether the gateway asked for the blob's file. */
    public static final List<Boolean> FILE_ASKED = new CopyOnWriteArrayList<>();
    /** The gateway's filesystem storage root in these tests. */
    public static Path storage;
    private Vertx vertx;
    private Socket refusing;

    /** Configuration of the gateway under test beyond what points it at this backend. */
    protected Map<String, String> gatewaySettings() {
        return Map.of("berth.gateway.idle_timeout", "2s", "berth.gateway.connect_timeout", "1s",
                "berth.gateway.shutdown_timeout", "3s");
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true))
                .requestHandler(TestBackend::handle);
        int port = await(server.listen(0, "127.0.0.1")).actualPort();
        try {
            storage = Files.createTempDirectory("gateway-storage");
            refusing = new Socket();
            refusing.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new java.util.HashMap<>(gatewaySettings());
        config.put("berth.storage.filesystem.root", storage.toString());
        config.put("berth.registry.url", "http://127.0.0.1:" + port);
        config.put("berth.core.url", "http://127.0.0.1:" + refusing.getLocalPort());
        return config;
    }

    @Override
    public void stop() {
        await(vertx.close());
        try {
            refusing.close();
        } catch (java.io.IOException ignored) {
            // the test run is over
        }
    }

    private static void handle(HttpServerRequest request) {
        SEEN.add(request.path());
        switch (request.path()) {
            case "/v2/upload" -> upload(request);
            case "/v2/download" -> download(request);
            case "/v2/hang" -> { /* never answers */ }
            case "/v2/break" -> request.connection().close();
            case "/v2/cut" -> request.response().putHeader("Content-Length", "1000000").write("x".repeat(1000))
                    .onComplete(v -> request.connection().close());
            case "/v2/refuse-and-close" -> request.response().setStatusCode(400).putHeader("Connection", "close")
                    .end("{\"errors\":[{\"code\":\"MANIFEST_INVALID\"}]}").onComplete(v -> request.connection().close());
            case "/v2/head" -> request.response().putHeader("Content-Length", "1234")
                    .putHeader("Docker-Content-Digest", "sha256:" + "a".repeat(64)).end();
            default -> {
                if (request.path().startsWith("/v2/files/blobs/")) {
                    blobFile(request);
                } else if (request.path().startsWith("/v2/stream/blobs/")) {
                    download(request); // a blob download as the gateway sees one: relayed through its bulk client
                } else {
                    echo(request);
                }
            }
        }
    }

    private static void upload(HttpServerRequest request) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long[] count = {0};
        request.handler(chunk -> {
            sha.update(chunk.getBytes());
            count[0] += chunk.length();
        });
        request.endHandler(v -> request.response().setStatusCode(201)
                .putHeader("Docker-Content-Digest", "sha256:" + HexFormat.of().formatHex(sha.digest()))
                .putHeader("X-Received-Bytes", String.valueOf(count[0]))
                .putHeader("Location", "/v2/library/app/blobs/sha256:abc")
                .end());
    }

    /** What {@code ?filler=1} downloads repeat: many of them at once cost the backend no memory of their own. */
    private static final Buffer FILLER = Buffer.buffer("x".repeat(64 * 1024));

    private static void download(HttpServerRequest request) {
        long size = Long.parseLong(request.getParam("size"));
        var response = request.response().putHeader("Content-Length", String.valueOf(size));
        if (request.getParam("filler") != null) {
            long[] left = {size};
            Runnable[] fill = new Runnable[1];
            fill[0] = () -> {
                while (!response.writeQueueFull()) {
                    if (left[0] == 0) {
                        response.end();
                        return;
                    }
                    int n = (int) Math.min(FILLER.length(), left[0]);
                    left[0] -= n;
                    response.write(n == FILLER.length() ? FILLER : FILLER.getBuffer(0, n));
                }
                response.drainHandler(v -> fill[0].run());
            };
            fill[0].run();
            return;
        }
        GeneratedBody generated;
        try {
            generated = new GeneratedBody(size);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (!response.writeQueueFull()) {
                byte[] next = new byte[64 * 1024];
                int n = generated.read(next, 0, next.length);
                if (n < 0) {
                    response.end();
                    return;
                }
                response.write(Buffer.buffer(next).getBuffer(0, n));
            }
            response.drainHandler(v -> pump[0].run());
        };
        pump[0].run();
    }

    /**
     * Answers like registry-service: names the file given by {@code ?name=&offset=&length=} when the
     * gateway asks for it, else sends a short body of its own.
     */
    private static void blobFile(HttpServerRequest request) {
        boolean asked = request.headers().contains(BlobFileHandoff.REQUEST);
        FILE_ASKED.add(asked);
        var response = request.response().setStatusCode(Integer.parseInt(java.util.Objects.requireNonNullElse(request.getParam("status"), "200")))
                .putHeader("Docker-Content-Digest", "sha256:" + "d".repeat(64));
        if (asked) {
            response.putHeader(BlobFileHandoff.PATH, request.getParam("name"))
                    .putHeader(BlobFileHandoff.OFFSET, request.getParam("offset"))
                    .putHeader(BlobFileHandoff.LENGTH, request.getParam("length"))
                    .putHeader("Content-Length", "0").end();
        } else {
            response.end("from the backend");
        }
    }

    private static void echo(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            request.response().setStatusCode(request.path().endsWith("/created") ? 201 : 200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Location", "/v2/library/app/blobs/uploads/123?_state=x")
                    .putHeader("WWW-Authenticate", "Bearer realm=\"http://berth/service/token\",service=\"berth-registry\"")
                    .putHeader("Docker-Content-Digest", "sha256:" + "b".repeat(64))
                    .putHeader("Docker-Distribution-API-Version", "registry/2.0")
                    .putHeader("Docker-Upload-UUID", "123")
                    .putHeader("Range", "0-99")
                    .putHeader("Content-Range", "bytes 0-99/100")
                    .putHeader("OCI-Subject", "sha256:" + "c".repeat(64))
                    .putHeader("OCI-Filters-Applied", "artifactType")
                    .end(new JsonObject().put("headers", headers).put("uri", request.uri())
                            .put("body", body.toString()).encode());
        });
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
