package io.berth.registry.proxy;

import io.berth.common.secret.SecretBox;
import io.berth.common.testing.Distribution;
import io.berth.registry.testing.CoreSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A real CNCF Distribution with htpasswd authentication as the upstream of a proxy-cache project, set up as core's API
 * does it: a registry endpoint row (its password sealed with the deployment's secret key) and a project whose
 * {@code registry_id} names it, in core's schema (its own migrations).
 */
final class ProxyUpstream implements AutoCloseable {
    static final String USER = "mirror";
    static final String PASSWORD = "s3cret-" + UUID.randomUUID();

    final Distribution registry;
    final String project;

    private ProxyUpstream(Distribution registry, String project) {
        this.registry = registry;
        this.project = project;
    }

    /** A started upstream and a new proxy-cache project of it, of type {@code docker-registry}. */
    static ProxyUpstream start() throws Exception {
        return startBehind(null);
    }

    /** As {@link #start()}, the endpoint's URL being {@code url} (e.g. a proxy in front of the registry) when not null. */
    static ProxyUpstream startBehind(java.util.function.Function<Distribution, String> url) throws Exception {
        Distribution registry = Distribution.start(USER, PASSWORD);
        String project = "proxy-" + UUID.randomUUID().toString().substring(0, 8);
        CoreSchema.project(project, -1);
        SecretBox box = SecretBox.fromFile(Path.of(ConfigProvider.getConfig().getValue("berth.secret_key_file", String.class)));
        try (Connection c = CoreSchema.connect(); PreparedStatement st = c.prepareStatement(
                "WITH r AS (INSERT INTO core.registry (name, type, url, access_key, access_secret) VALUES (?, 'docker-registry', ?, ?, ?) "
                        + "RETURNING id) UPDATE core.project SET registry_id = (SELECT id FROM r) WHERE name = ?")) {
            st.setString(1, project + "-upstream");
            st.setString(2, url == null ? registry.url() : url.apply(registry));
            st.setString(3, USER);
            st.setString(4, box.encrypt(PASSWORD));
            st.setString(5, project);
            st.executeUpdate();
        }
        return new ProxyUpstream(registry, project);
    }

    String creds() {
        return USER + ":" + PASSWORD;
    }

    /** The upstream's access log lines of GETs of that blob answered with its bytes (200). */
    long blobGets(String repository, String digest) throws IOException {
        String request = "\"GET /v2/" + repository + "/blobs/" + digest + " HTTP/1.1\" 200 ";
        return registry.log().lines().filter(l -> l.contains(request)).count();
    }

    /** A blob of {@code size} random bytes written to {@code file} without holding it in memory; its digest. */
    static String randomFile(Path file, long size, long seed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                sha.update(chunk, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Pushes a file as a blob of {@code repository} upstream, monolithically and streamed. */
    void pushBlob(String repository, Path file, String digest) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(creds().getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/blobs/uploads/"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String location = started.headers().firstValue("Location").orElseThrow(() -> new IOException("no upload: " + started.body()));
        URI put = URI.create(registry.url()).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(put).header("Authorization", basic)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new IOException("upstream refused the blob: " + done.statusCode() + " " + done.body());
        }
    }

    /** How many rows and stored files Berth has of the blob: none means nothing was left by a failed fetch. */
    static long blobRows(String digest) throws Exception {
        try (Connection c = CoreSchema.connect(); PreparedStatement st = c.prepareStatement("SELECT count(*) FROM registry.blob WHERE digest = ?")) {
            st.setString(1, digest);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** SHA-256 and length of a stream, read to its end. */
    static String digestOf(InputStream in, long[] length) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0;) {
            sha.update(buffer, 0, n);
            length[0] += n;
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public void close() throws InterruptedException {
        registry.close();
    }
}
