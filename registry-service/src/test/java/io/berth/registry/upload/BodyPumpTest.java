package io.berth.registry.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.digest.DigestAlgorithm;
import io.berth.registry.memory.MemoryBudget;
import io.berth.registry.storage.StorageWriter;
import io.berth.registry.storage.filesystem.FilesystemDriver;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A body pumped from a real socket into the filesystem driver: bytes, digest, and what it gives back. */
class BodyPumpTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path root;
    private Vertx vertx;
    private int port;
    private final MemoryBudget budget = new MemoryBudget(32L * MIB);
    private final CompletableFuture<Long> pumped = new CompletableFuture<>();
    private final CompletableFuture<String> digest = new CompletableFuture<>();
    /** The pump's own pool here, so that only its buffers are counted; no thread caches, which keep freed ones. */
    private final PooledByteBufAllocator pool = new PooledByteBufAllocator(true, 0, 1, 8192, 9, 0, 0, false);

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        FilesystemDriver driver = new FilesystemDriver(root);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            request.pause();
            StorageWriter writer = driver.writer("upload", 0, null);
            ResumableDigest hash = ResumableDigest.start(DigestAlgorithm.SHA256);
            BodyPump.pump(vertx, budget, request, writer, hash, pool).onComplete(ar -> {
                if (ar.succeeded()) {
                    writer.commit();
                    digest.complete(hash.current().toString());
                    pumped.complete(ar.result());
                    request.response().setStatusCode(201).end();
                } else {
                    writer.cancel();
                    pumped.completeExceptionally(ar.cause());
                }
            });
        });
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWholeBodyIsStoredAndHashedAndItsMemoryGivenBack() throws Exception {
        byte[] body = new byte[10 * MIB + 123];
        new Random(7).nextBytes(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            send(socket.getOutputStream(), body.length, body);
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 201");
        }
        assertThat(pumped.get(10, TimeUnit.SECONDS)).isEqualTo(body.length);
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(digest.get()).isEqualTo(expected);
        assertThat(Files.readAllBytes(root.resolve("upload"))).isEqualTo(body);
        assertEverythingGivenBack();
    }

    @Test
    void aClientThatBreaksOffMidBatchLeavesNoMemoryHeld() throws Exception {
        byte[] part = new byte[MIB + MIB / 2];
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // a batch and a half of a 10 MiB body: the half is still filling when the client goes
            send(socket.getOutputStream(), 10L * MIB, part);
        }
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> pumped.get(10, TimeUnit.SECONDS));
        assertThat(failure.getCause()).hasMessageContaining("went away");
        assertEverythingGivenBack();
    }

    /** A PUT declaring {@code declared} bytes, of which {@code body} is sent. */
    private static void send(OutputStream out, long declared, byte[] body) throws Exception {
        out.write(("PUT /upload HTTP/1.1\r\nHost: registry\r\nContent-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int at = 0; at < body.length; at += 64 * 1024) {
            out.write(body, at, Math.min(64 * 1024, body.length - at));
        }
        out.flush();
    }

    /** The budget is whole again and every chunk's copy went back to the pool. */
    private void assertEverythingGivenBack() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(budget.held()).as("bytes held in the budget").isZero();
            assertThat(pool.metric().directArenas()).as("chunk copies not released")
                    .allSatisfy(arena -> assertThat(arena.numActiveAllocations()).isZero());
        });
    }
}
