package io.berth.core.authproxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Certificates made by the real {@code openssl} (installed by .ci/run): a test CA, a server certificate it signed for
 * 127.0.0.1 (in a PKCS#12 store), and a second CA that signed nothing the server shows, for the wrong-CA case.
 */
final class TestCa {
    static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    static TestCa create() throws IOException, InterruptedException {
        TestCa ca = new TestCa(Files.createTempDirectory("berth-authproxy-ca"));
        Files.writeString(ca.dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        ca.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
                "-out", "ca.crt", "-days", "2", "-subj", "/CN=berth-test-ca");
        ca.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "other.key",
                "-out", "other.crt", "-days", "2", "-subj", "/CN=berth-other-ca");
        ca.openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key",
                "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        ca.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
                "-days", "2", "-extfile", "server.ext");
        ca.openssl("pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-out", "server.p12", "-passout", "pass:" + PASSWORD);
        return ca;
    }

    String caPem() throws IOException {
        return Files.readString(dir.resolve("ca.crt"));
    }

    String otherCaPem() throws IOException {
        return Files.readString(dir.resolve("other.crt"));
    }

    Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(concat("openssl", args)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
