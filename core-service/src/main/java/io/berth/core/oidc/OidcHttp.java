package io.berth.core.oidc;

import io.berth.common.client.TrustEverything;
import io.berth.common.error.HarborException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.jose4j.http.Get;

/**
 * Berth's calls to the OpenID provider (discovery, JWKS, token endpoint), each bounded in time and size, with the
 * provider's TLS certificate verified unless {@code oidc_verify_cert} is false. Answers are small JSON documents, read
 * up to {@link #MAX_ANSWER} bytes.
 */
final class OidcHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER = 1 << 20;
    private static final SSLSocketFactory TRUST_ALL = TrustEverything.context().getSocketFactory();

    /** An answer of the provider: its status and body. */
    record Answer(int status, String body) {}

    private OidcHttp() {}

    static Answer get(String url, boolean verifyCert) {
        return call(url, verifyCert, null, null);
    }

    /** A form POST, with HTTP Basic client authentication when {@code basicUser} is not null. */
    static Answer postForm(String url, Map<String, String> form, String basicUser, String basicPassword, boolean verifyCert) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        String authorization = basicUser == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                (encode(basicUser) + ":" + encode(basicPassword)).getBytes(StandardCharsets.UTF_8)); // RFC 6749 2.3.1
        return call(url, verifyCert, body, authorization);
    }

    /** jose4j's fetcher of the JWKS, with the same timeouts and TLS rule. */
    static Get jwksGet(boolean verifyCert) {
        Get get = new Get();
        get.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        get.setReadTimeout((int) READ_TIMEOUT.toMillis());
        get.setRetries(1);
        get.setResponseBodySizeLimit(MAX_ANSWER);
        if (!verifyCert) {
            get.setSslSocketFactory(TRUST_ALL);
            get.setHostnameVerifier((host, session) -> true);
        }
        return get;
    }

    private static Answer call(String url, boolean verifyCert, String form, String authorization) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            if (connection instanceof HttpsURLConnection https && !verifyCert) {
                https.setSSLSocketFactory(TRUST_ALL);
                https.setHostnameVerifier((host, session) -> true);
            }
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Accept", "application/json");
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            if (form != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(form.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_ANSWER + 1);
                if (bytes.length > MAX_ANSWER) {
                    throw unavailable(url, "its answer is larger than " + MAX_ANSWER + " bytes");
                }
                return new Answer(status, new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw unavailable(url, e.toString());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    static HarborException unavailable(String url, String why) {
        return new HarborException(503, "SERVICE_UNAVAILABLE", "the OIDC provider cannot be used: " + url + ": " + why);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
