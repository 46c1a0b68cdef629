package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that goes away in the middle of an answer is ordinary: nothing to warn about. */
@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class GatewayClientLeavesTest {
    @TestHTTPResource("/")
    URI gateway;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void clientsResettingWithSmallAnswersOnTheWayLeaveNoWarnings() throws Exception {
        // Like a load generator stopping: many connections, each with answers on the way, reset at once.
        // Some of the gateway's writes then find their client gone, and that failure used to make it
        // reset the response from inside the failing write (Netty warned of a double release).
        byte[] requests = "GET /v2/library/app/manifests/latest HTTP/1.1\r\nHost: gateway\r\n\r\n".repeat(20)
                .getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 20; round++) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Socket socket = new Socket(gateway.getHost(), gateway.getPort());
                socket.getOutputStream().write(requests);
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                socket.getInputStream().read(new byte[512]);
            }
            for (Socket socket : sockets) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        }
        Thread.sleep(500);
        assertThat(warnings).isEmpty();
    }
}
