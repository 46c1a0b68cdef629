package io.berth.launcher;

import static io.berth.launcher.EndToEndIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Containerd;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Command.Result;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * HTTPS as the seed article runs Harbor: {@code ./berth up --tls} makes a CA of its own and a gateway
 * certificate, and each real client trusts Berth through that CA the way its users configure it —
 * containerd ({@code ctr --tlscacert}, and {@code hosts.toml} with {@code ca}), the Docker engine (the
 * CA under {@code certs.d}), skopeo and podman ({@code --cert-dir}) — while a CA that did not sign the
 * certificate is refused by each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsIT {
    static final String ADMIN_PASSWORD = "Tls12345678";
    static BerthSystem berth;
    static int httpsPort;
    static Path work;
    static Path image;
    static Path ca;
    /** A directory with the CA (a client's cert dir), and one with a CA that signed nothing of Berth's. */
    static Path trusted;
    static Path stranger;
    static String upOutput;

    @BeforeAll
    static void up() throws Exception {
        httpsPort = BerthSystem.freePort();
        berth = new BerthSystem(Map.of("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD, "BERTH_TLS_HTTPS_PORT", Integer.toString(httpsPort)));
        berth.env.remove("BERTH_EXTERNAL_URL"); // --tls makes it https on the HTTPS port
        BerthSystem.Result up = berth.berth("up", "--tls");
        upOutput = up.output();
        assertThat(up.exit()).as(up.output()).isZero();
        ca = berth.dataDir.resolve("tls/ca.crt");

        work = Files.createTempDirectory("berth-tls");
        trusted = Files.createDirectories(work.resolve("trusted"));
        Files.copy(ca, trusted.resolve("ca.crt"));
        GatewayCertificates.Issued other = new GatewayCertificates(work.resolve("other-ca")).ensure(List.of("localhost"), line -> {});
        stranger = Files.createDirectories(work.resolve("stranger"));
        Files.copy(other.ca(), stranger.resolve("ca.crt"));

        OciLayout layout = new OciLayout(work.resolve("image"));
        layout.tag("v1", MediaTypes.OCI_MANIFEST, layout.image("amd64", 2, 40_000, 11));
        image = work.resolve("image");
        Result pushed = skopeo("copy", "--dest-cert-dir", trusted.toString(), "--dest-creds", "admin:" + ADMIN_PASSWORD,
                "oci:" + image + ":v1", "docker://" + host("localhost") + "/library/tls:v1");
        assertThat(pushed.exit()).as(pushed.output()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        if (berth != null) {
            berth.close();
        }
        if (work != null) {
            run("rm", "-rf", work.toString());
        }
    }

    static String host(String name) {
        return name + ":" + httpsPort;
    }

    /** An IPv4 address of this machine outside 127.0.0.0/8: Docker treats loopback registries as insecure and skips TLS checks. */
    static String outsideAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        throw new AssertionError("this machine has no IPv4 address outside 127.0.0.0/8 for the Docker engine to check TLS on");
    }

    static Result skopeo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        return run(Map.of(), command);
    }

    @Test
    @Order(1)
    void upMadeACaAndACertificateForEveryNameOfTheMachine() throws Exception {
        String address = outsideAddress();
        assertThat(upOutput).contains("Berth is up: https://localhost:" + httpsPort).contains("clients trust " + ca);
        X509Certificate certificate = GatewayCertificates.readCertificate(berth.dataDir.resolve("tls/gateway.crt"));
        assertThat(GatewayCertificates.names(certificate)).contains("localhost", "127.0.0.1", address);
        certificate.verify(GatewayCertificates.readCertificate(ca).getPublicKey());
        // curl: the CA makes the gateway's HTTPS trusted, and its challenge names the https realm
        Result curl = run("curl", "-sS", "-i", "--cacert", ca.toString(), "https://" + host(address) + "/v2/");
        assertThat(curl.output()).as(curl.output()).contains("401").contains("realm=\"https://localhost:" + httpsPort + "/service/token\"");
        Result strangerCurl = run("curl", "-sS", "-i", "--cacert", stranger.resolve("ca.crt").toString(), "https://" + host(address) + "/v2/");
        assertThat(strangerCurl.exit()).as(strangerCurl.output()).isEqualTo(60); // peer certificate cannot be authenticated
    }

    @Test
    @Order(2)
    void skopeoTrustsTheCaOfItsCertDirOnly() throws Exception {
        Result copied = skopeo("copy", "--src-cert-dir", trusted.toString(), "--src-creds", "admin:" + ADMIN_PASSWORD,
                "docker://" + host(outsideAddress()) + "/library/tls:v1", "oci:" + work.resolve("pulled") + ":v1");
        assertThat(copied.exit()).as(copied.output()).isZero();
        Result refused = skopeo("inspect", "--raw", "--cert-dir", stranger.toString(), "--creds", "admin:" + ADMIN_PASSWORD,
                "docker://" + host("localhost") + "/library/tls:v1");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("x509");
    }

    @Test
    @Order(3)
    void podmanPushesAndPullsWithTheCa() throws Exception {
        List<String> podman = List.of("podman", "--root", work.resolve("podman/root").toString(), "--runroot",
                work.resolve("podman/run").toString(), "--storage-driver", "vfs");
        String ref = host("localhost") + "/library/tls:v1";
        Result refused = run(Map.of(), concat(podman, "pull", "--cert-dir", stranger.toString(), "--creds", "admin:" + ADMIN_PASSWORD, ref));
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("x509");
        Result pulled = run(Map.of(), concat(podman, "pull", "--cert-dir", trusted.toString(), "--creds", "admin:" + ADMIN_PASSWORD, ref));
        assertThat(pulled.exit()).as(pulled.output()).isZero();
        Result tagged = run(Map.of(), concat(podman, "tag", ref, host("localhost") + "/library/tls:podman"));
        assertThat(tagged.exit()).as(tagged.output()).isZero();
        Result pushed = run(Map.of(), concat(podman, "push", "--cert-dir", trusted.toString(), "--creds", "admin:" + ADMIN_PASSWORD,
                host("localhost") + "/library/tls:podman"));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
    }

    @Test
    @Order(4)
    void containerdPullsWithTlscacertAndWithHostsToml() throws Exception {
        // containerd speaks plain HTTP to localhost, whatever it is told: the machine's address, as a node would
        String registry = host(outsideAddress());
        String ref = registry + "/library/tls:v1";
        String user = "admin:" + ADMIN_PASSWORD;
        try (Containerd containerd = Containerd.start(work.resolve("containerd"))) {
            Containerd.Result refused = containerd.tryCtr("images", "pull", "--snapshotter", "native", "--user", user, "--tlscacert",
                    stranger.resolve("ca.crt").toString(), ref);
            assertThat(refused.exit()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("x509");
            containerd.ctr("images", "pull", "--snapshotter", "native", "--user", user, "--tlscacert", ca.toString(), ref);
            containerd.ctr("images", "rm", ref);

            // hosts.toml, as a kubelet's containerd is configured: /etc/containerd/certs.d/<host>/hosts.toml
            Path hosts = work.resolve("certs.d");
            writeHostsToml(hosts, registry, stranger.resolve("ca.crt"));
            Containerd.Result refusedByHosts = containerd.tryCtr("images", "pull", "--snapshotter", "native", "--user", user,
                    "--hosts-dir", hosts.toString(), ref);
            assertThat(refusedByHosts.exit()).as(refusedByHosts.output()).isNotZero();
            assertThat(refusedByHosts.output()).contains("x509");
            writeHostsToml(hosts, registry, ca);
            containerd.ctr("images", "pull", "--snapshotter", "native", "--user", user, "--hosts-dir", hosts.toString(), ref);
            assertThat(containerd.ctr("images", "check", "--snapshotter", "native")).contains(ref);
        }
    }

    private static void writeHostsToml(Path certsD, String registry, Path caFile) throws Exception {
        Path dir = Files.createDirectories(certsD.resolve(registry));
        Files.writeString(dir.resolve("hosts.toml"), """
                server = "https://%1$s"

                [host."https://%1$s"]
                  capabilities = ["pull", "resolve", "push"]
                  ca = "%2$s"
                """.formatted(registry, caFile));
    }

    @Test
    @Order(5)
    void theDockerEngineTrustsTheCaUnderCertsD() throws Exception {
        String registry = host(outsideAddress());
        // dockerd reads /etc/docker/certs.d/<host:port>/ca.crt for each connection; the directory is the machine's
        Path certsD = Path.of("/etc/docker/certs.d", registry);
        Files.createDirectories(certsD);
        try (DockerEngine engine = DockerEngine.start(work.resolve("docker"))) {
            Files.copy(stranger.resolve("ca.crt"), certsD.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Result refused = engine.docker("login", "-u", "admin", "-p", ADMIN_PASSWORD, registry);
            assertThat(refused.exit()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("x509");

            Files.copy(ca, certsD.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Result login = engine.docker("login", "-u", "admin", "-p", ADMIN_PASSWORD, registry);
            assertThat(login.output()).as(login.output()).contains("Login Succeeded");
            Result pull = engine.docker("pull", registry + "/library/tls:v1");
            assertThat(pull.exit()).as(pull.output()).isZero();
        } finally {
            run("rm", "-rf", certsD.toString());
        }
    }

    @Test
    @Order(6)
    void theCertificateIsKeptAcrossRestartsAndTlsFilesOfTheOperatorExcludeTls() throws Exception {
        byte[] before = Files.readAllBytes(berth.dataDir.resolve("tls/gateway.crt"));
        assertThat(berth.berth("down").exit()).isZero();
        BerthSystem.Result again = berth.berth("up", "--tls");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).doesNotContain("made the gateway's HTTPS certificate").doesNotContain("made a certificate authority");
        assertThat(Files.readAllBytes(berth.dataDir.resolve("tls/gateway.crt"))).isEqualTo(before);
        Result inspect = skopeo("inspect", "--raw", "--cert-dir", trusted.toString(), "--creds", "admin:" + ADMIN_PASSWORD,
                "docker://" + host("localhost") + "/library/tls:v1");
        assertThat(inspect.exit()).as(inspect.output()).isZero();

        BerthSystem other = new BerthSystem(Map.of("BERTH_TLS_CERT", ca.toString(), "BERTH_TLS_KEY", ca.toString()));
        try {
            BerthSystem.Result refused = other.berth("up", "--tls");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).contains("--tls makes a certificate of Berth's own, but tls.cert/tls.key are set");
        } finally {
            other.close();
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
