package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.testing.GeneratedBody;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(TlsProfile.class)
class GatewayTlsTest {
    @TestHTTPResource(value = "/", tls = true)
    URI https;

    @TestHTTPResource("/")
    URI http;

    private static HttpClient client() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(TlsProfile.CERT)) {
            trust.setCertificateEntry("berth", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2).build();
    }

    private URI localhost(URI base, String path) {
        return URI.create(base.getScheme() + "://localhost:" + base.getPort() + path);
    }

    @Test
    void servesHttpsWithHttp2NegotiatedByAlpn() throws Exception {
        HttpResponse<String> response = client().send(
                HttpRequest.newBuilder(localhost(https, "/v2/tags")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        assertThat(response.body()).contains("\"x-forwarded-proto\":\"https\"");
    }

    @Test
    void streamsUploadsOverHttp2() throws Exception {
        long size = 200L << 20;
        GeneratedBody body = new GeneratedBody(size);
        HttpResponse<Void> response = client().send(HttpRequest.newBuilder(localhost(https, "/v2/upload"))
                        .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Received-Bytes")).hasValue(String.valueOf(size));
        assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(body.digest());
    }

    @Test
    void redirectsPlainHttpToHttps() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(http.resolve("/v2/")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isBetween(301, 308);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https://"));
    }
}
