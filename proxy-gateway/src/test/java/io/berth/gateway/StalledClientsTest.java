package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.common.testing.GeneratedBody;
import io.berth.gateway.flow.BudgetedPipe;
import io.berth.gateway.flow.QueueBudget;
import io.netty.util.internal.PlatformDependent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients that ask for a large blob and never read it: what they cost the gateway is bounded by its
 * queue budget plus a small read each, and a client that does read gets its whole download meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(value = StalledClientsTest.Backend.class, restrictToAnnotatedClass = true)
class StalledClientsTest {
    static final long BUDGET = 8 << 20;
    static final int STALLED = 200;
    static final String BLOB = "/v2/stream/blobs/sha256:" + "e".repeat(64);

    public static class Backend extends TestBackend {
        @Override
        protected Map<String, String> gatewaySettings() {
            return Map.of("berth.gateway.idle_timeout", "2m", "berth.gateway.connect_timeout", "1s",
                    "berth.gateway.shutdown_timeout", "3s", "berth.gateway.queue_budget", Long.toString(BUDGET));
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    QueueBudget budget;

    @Test
    void stalledClientsCostAPieceEachAndNeverCutAReadingOne() throws Exception {
        long directBefore = PlatformDependent.usedDirectMemory();
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(1024);
                socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()));
                socket.getOutputStream().write(("GET " + BLOB + "?filler=1&size=" + (1L << 30) + " HTTP/1.1\r\nHost: gateway\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            long settled = settle();
            long direct = PlatformDependent.usedDirectMemory() - directBefore;
            // the budget, one transfer's queue that crossed it, and a tight read for each of the others
            long bound = BUDGET + BudgetedPipe.QUEUE_PER_TRANSFER + (long) STALLED * (64 << 10);
            assertThat(settled).as("bytes queued for %d stalled clients (direct memory grew by %d)", STALLED, direct)
                    .isLessThanOrEqualTo(bound);
            assertThat(budget.tight()).isTrue();
            if (directBefore >= 0) {
                assertThat(direct).as("direct memory the stalled clients cost").isLessThan(128L << 20);
            }

            // a client that reads gets every byte of its download, while the others still stall
            long size = 64 << 20;
            HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(gateway + BLOB.substring(1) + "?size=" + size)).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(sha256(response.body())).isEqualTo(sha256(new GeneratedBody(size)));
        } finally {
            for (Socket socket : stalled) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        }
        // what the stalled ones held is given back when they leave
        await().atMost(Duration.ofSeconds(20)).until(() -> budget.queuedBytes() == 0);
    }

    /** The queued bytes once every stalled transfer has started and they have stopped changing for a second. */
    private long settle() throws InterruptedException {
        Thread.sleep(3000);
        long last = -1;
        for (int i = 0; i < 60; i++) {
            long now = budget.queuedBytes();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        return last;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
