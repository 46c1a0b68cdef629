package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.testing.ServiceProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM while an upload is in flight: the gateway lets it finish, then exits. */
class GracefulShutdownIT {

    @Test
    void anUploadInFlightFinishesAfterSigterm() throws Exception {
        TestBackend backend = new TestBackend();
        Map<String, String> backendConfig = backend.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(Map.of("BERTH_CONFIG", "", "BERTH_GATEWAY_PORT", Integer.toString(port),
                "BERTH_REGISTRY_URL", backendConfig.get("berth.registry.url"), "BERTH_GATEWAY_SHUTDOWN_TIMEOUT", "30s"));
        try (ServiceProcess gateway = ServiceProcess.start(Path.of("target/quarkus-app/quarkus-run.jar"), env)) {
            awaitListening(port, gateway);
            int size = 8 << 20;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("PUT /v2/upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] piece = new byte[size / 16];
                out.write(piece);
                out.flush();
                Thread.sleep(500);
                gateway.process().destroy(); // SIGTERM
                for (int i = 1; i < 16; i++) {
                    Thread.sleep(100);
                    out.write(piece);
                    out.flush();
                }
                InputStream in = socket.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(response).startsWith("HTTP/1.1 201").containsIgnoringCase("X-Received-Bytes: " + size);
            }
            assertThat(gateway.process().waitFor(30, TimeUnit.SECONDS)).as(gateway.output()).isTrue();
        } finally {
            backend.stop();
        }
    }

    private static void awaitListening(int port, ServiceProcess gateway) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(gateway.process().isAlive()).as(gateway.output()).isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("gateway did not listen:\n" + gateway.output());
    }
}
