package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.gateway.access.HeaderTimeout;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One access-log line per exchange, whatever its end: aborted by a service, or refused by the HTTP decoder itself. */
@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class AccessLogTest {
    @TestHTTPResource("/")
    URI gateway;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("io.berth.gateway.access").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("io.berth.gateway.access").removeHandler(capture);
    }

    @Test
    void aRelayAServiceBreaksOffIsLoggedOnceAsAborted() throws Exception {
        String id = "aborted-relay-" + System.nanoTime();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /v2/cut HTTP/1.1\r\nHost: gateway\r\nX-Request-Id: " + id + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            try {
                while (in.read(new byte[8192]) >= 0) {
                    // until the gateway breaks the connection
                }
            } catch (java.io.IOException reset) {
                // expected
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains(id)));
        Thread.sleep(1000);
        List<String> mine = lines.stream().filter(l -> l.contains(id)).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).contains("GET /v2/cut").endsWith(" aborted");
    }

    @Test
    void requestsTheDecoderRefusesGetALineToo() throws Exception {
        String[] refused = {
            "GET /v2/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: gateway\r\n\r\n", // 414
            "GET /v2/ HTTP/1.1\r\nHost: gateway\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", // 431
            "GET /v2/ HTTP/1.1\r\nHost: gateway\r\nBad Header Line\r\n\r\n" // 400
        };
        // what the decoder refuses never reaches a handler: it is seen on a listening socket the gateway already found
        await().atMost(Duration.ofSeconds(10)).until(HeaderTimeout::probesAnswered);
        for (String request : refused) {
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).matches("HTTP/1.[01] 4\\d\\d");
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(lines).anyMatch(l -> l.contains("status=414"));
            assertThat(lines).anyMatch(l -> l.contains("status=431"));
            assertThat(lines).anyMatch(l -> l.contains("status=400") && l.contains("refused by the HTTP decoder"));
        });
    }
}
