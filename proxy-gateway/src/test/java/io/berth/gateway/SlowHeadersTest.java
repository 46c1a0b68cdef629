package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.gateway.access.HeaderTimeout;
import java.time.Duration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A request head must arrive within gateway.header_timeout of its first byte (slowloris); idle keep-alive time does not count. */
@QuarkusTest
@QuarkusTestResource(value = SlowHeadersTest.Backend.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowHeadersTest {
    public static class Backend extends TestBackend {
        @Override
        protected Map<String, String> gatewaySettings() {
            return Map.of("berth.gateway.idle_timeout", "1m", "berth.gateway.connect_timeout", "1s",
                    "berth.gateway.shutdown_timeout", "3s", "berth.gateway.header_timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    @Test
    @Order(1)
    void aHeadSentAByteAtATimeIsCutEvenOnTheFirstConnection() throws Exception {
        // the first connection of a client: the listening socket was found by the requests the gateway sent itself
        await().atMost(Duration.ofSeconds(10)).until(HeaderTimeout::probesAnswered);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /v2/echo HTTP/1.1\r\nHost: gateway\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                Thread.sleep(250);
                try {
                    out.write(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException reset) {
                    closed = true;
                }
                closed |= endOfStream(socket);
            }
            assertThat(closed).as("closed while the head was still coming").isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(700L, 5_000L);
        }
    }

    @Test
    @Order(2)
    void idleTimeBetweenRequestsDoesNotCountAndASlowButTimelyHeadIsServed() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /v2/echo HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(in)).contains(" 200 ");
            Thread.sleep(2500); // idle on a kept-alive connection, beyond the header timeout
            out.write("GET /v2/echo HTTP/1.1\r\nHost: gateway\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(500); // a head in two parts, within the timeout
            out.write("X-Later: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(in)).contains(" 200 ");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static boolean endOfStream(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** The status line of the next response, whose body (Content-Length) is read past. */
    private static String statusLine(InputStream in) throws IOException {
        String status = line(in);
        long length = 0;
        for (String header; !(header = line(in)).isEmpty();) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        in.readNBytes((int) length);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0) {
                throw new java.io.EOFException("closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
