package io.berth.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The gateway with HTTPS from a self-signed PEM pair made by openssl, and HTTP redirected to it. */
public class TlsProfile implements QuarkusTestProfile {
    static final Path DIR = createDir();
    static final Path CERT = DIR.resolve("cert.pem");
    static final Path KEY = DIR.resolve("key.pem");

    @Override
    public Map<String, String> getConfigOverrides() {
        if (!Files.exists(CERT)) {
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", KEY.toString(), "-out", CERT.toString(), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        }
        return Map.of(
                "berth.tls.cert", CERT.toString(),
                "berth.tls.key", KEY.toString(),
                "berth.tls.redirect_http", "true",
                "quarkus.http.test-ssl-port", "0");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestBackend.class));
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("berth-tls");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
