package io.berth.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real CNCF Distribution (Debian's {@code docker-registry}) on a free port, with filesystem storage
 * in a directory of its own, deletes enabled, and optionally htpasswd authentication.
 */
public final class Distribution implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;
    private final boolean tls;

    private Distribution(Process process, int port, Path dir, boolean tls) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.tls = tls;
    }

    /** Without authentication. */
    public static Distribution start() throws IOException, InterruptedException {
        return start(null, null);
    }

    /** With htpasswd authentication for {@code user} when not null. */
    public static Distribution start(String user, String password) throws IOException, InterruptedException {
        return start(user, password, freePort());
    }

    /** On {@code port}: a registry that comes (back) where clients expect it. */
    public static Distribution start(String user, String password, int port) throws IOException, InterruptedException {
        return start(user, password, port, false);
    }

    /** Serving HTTPS with a self-signed certificate for 127.0.0.1 (made with openssl), which clients do not trust. */
    public static Distribution startTls() throws IOException, InterruptedException {
        return start(null, null, freePort(), true);
    }

    private static Distribution start(String user, String password, int port, boolean tls) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("distribution");
        List<String> config = new ArrayList<>(List.of(
                "version: 0.1",
                "log: {level: warn}",
                "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}, delete: {enabled: true}}",
                "http: {addr: 127.0.0.1:" + port + "}"));
        if (user != null) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            Files.writeString(dir.resolve("htpasswd"), user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5) + "\n");
            config.add("auth: {htpasswd: {realm: test, path: " + dir.resolve("htpasswd") + "}}");
        }
        if (tls) {
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
            openssl.getInputStream().readAllBytes();
            if (openssl.waitFor() != 0) {
                throw new IOException("openssl could not make a certificate");
            }
            config.set(3, "http: {addr: 127.0.0.1:" + port + ", tls: {certificate: " + dir.resolve("cert.pem") + ", key: "
                    + dir.resolve("key.pem") + "}}");
        }
        Files.writeString(dir.resolve("config.yml"), String.join("\n", config) + "\n", StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new Distribution(process, port, dir, tls);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("log")));
                }
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("docker-registry did not listen on " + port + " within 30 s");
    }

    /** host:port, as registry clients name it. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public String url() {
        return (tls ? "https://" : "http://") + host();
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("log"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
