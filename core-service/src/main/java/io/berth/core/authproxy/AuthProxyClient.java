package io.berth.core.authproxy;

import io.berth.common.config.CoreConfig;
import io.berth.common.error.HarborException;
import io.berth.common.tls.TrustedCertificates;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * The two calls of {@code http_auth} mode, as Harbor makes them: a user's name and password POSTed with Basic auth to
 * {@code http_authproxy_endpoint} (200 is a valid login, 401 or 403 a wrong one), and a Kubernetes TokenReview
 * POSTed to {@code http_authproxy_tokenreview_endpoint} ({@link TokenReviews}). TLS is verified unless
 * {@code http_authproxy_verify_cert} is off, against {@code http_authproxy_server_certificate} when given. Each call,
 * connection included, is bounded by {@code core.authproxy_timeout}, and an answer by {@link #ANSWER_LIMIT}: an endpoint
 * that is down, slow, untrusted or answers nonsense is a 503 naming it and the reason, never a hang.
 */
@ApplicationScoped
public class AuthProxyClient {
    private static final Logger LOG = Logger.getLogger(AuthProxyClient.class);
    static final int ANSWER_LIMIT = 64 * 1024;

    /** What the endpoint said of a name and password: accepted (with the session id its body may carry), or not. */
    public record Verdict(boolean accepted, String sessionId) {}

    private record Tls(boolean verify, String certificate) {}

    private record Client(Tls tls, HttpClient http) {}

    private final Duration timeout;
    private volatile Client client;

    AuthProxyClient(CoreConfig config) {
        this.timeout = config.authproxyTimeout();
    }

    /** POSTs the name and password (Basic auth) to the endpoint. */
    public Verdict checkPassword(AuthProxySettings settings, String name, String password) {
        String url = configured(settings.endpoint(), "http_authproxy_endpoint");
        String basic = Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> answer = send(settings, HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(), "endpoint", url);
        return switch (answer.statusCode()) {
            case 200 -> new Verdict(true, TokenReviews.sessionId(answer.body()));
            case 401, 403 -> new Verdict(false, null);
            default -> throw unavailable("endpoint", url, "it answered HTTP " + answer.statusCode());
        };
    }

    /** The review of a token (or of a session id the endpoint gave) by the TokenReview endpoint. */
    public TokenReviews.Review review(AuthProxySettings settings, String token) {
        String url = configured(settings.reviewEndpoint(), "http_authproxy_tokenreview_endpoint");
        HttpResponse<byte[]> answer = send(settings, HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TokenReviews.request(token))).build(), "token review endpoint", url);
        if (answer.statusCode() != 200 && answer.statusCode() != 201) {
            throw unavailable("token review endpoint", url, "it answered HTTP " + answer.statusCode());
        }
        try {
            return TokenReviews.parse(answer.body());
        } catch (IllegalArgumentException e) {
            throw unavailable("token review endpoint", url, "its answer is not a TokenReview: " + e.getMessage());
        }
    }

    private HttpResponse<byte[]> send(AuthProxySettings settings, HttpRequest request, String what, String url) {
        CompletableFuture<HttpResponse<byte[]>> call = http(settings).sendAsync(request, BoundedBody.handler(ANSWER_LIMIT));
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw unavailable(what, url, slow());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(what, url, "interrupted");
        } catch (ExecutionException e) {
            throw unavailable(what, url, reason(e.getCause()));
        }
    }

    private String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return slow();
            }
            if (t instanceof SSLException) {
                return "TLS failed (is the certificate signed by http_authproxy_server_certificate, or the JVM's CAs?): " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "the connection failed (" + t.getClass().getSimpleName() + ")";
            }
        }
        return failure instanceof IOException ? "the call failed: " + failure.getMessage() : "the call failed: " + failure;
    }

    private String slow() {
        return "no answer within core.authproxy_timeout (" + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s"
                : timeout.toMillis() + " ms") + ")";
    }

    private HttpClient http(AuthProxySettings settings) {
        Tls tls = new Tls(settings.verifyCert(), settings.serverCertificate());
        Client current = client;
        if (current == null || !current.tls().equals(tls)) {
            SSLContext context = !tls.verify() ? io.berth.common.client.TrustEverything.context()
                    : tls.certificate().isBlank() ? defaultContext() : TrustedCertificates.clientContext(tls.certificate());
            current = new Client(tls, HttpClient.newBuilder().connectTimeout(timeout).sslContext(context)
                    .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build());
            client = current;
        }
        return current.http();
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String configured(String url, String key) {
        if (url == null || url.isEmpty()) {
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "http_auth: " + key + " is not configured");
        }
        return url;
    }

    private static HarborException unavailable(String what, String url, String why) {
        LOG.warnf("auth proxy %s %s: %s", what, url, why);
        return new HarborException(503, "SERVICE_UNAVAILABLE", "the auth proxy " + what + " " + url + " cannot be used: " + why);
    }
}
