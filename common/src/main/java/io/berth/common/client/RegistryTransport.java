package io.berth.common.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP side of talking to one registry: the JDK client (HTTP/1.1, no redirects followed on its own,
 * every certificate trusted for an {@code insecure} endpoint), one exchange at a time, failures as
 * {@link RegistryException}s.
 */
final class RegistryTransport {
    static {
        // The JDK client moves bodies in buffers of this size (a documented java.net.http property, read
        // once when the client is first used). 16 KiB by default: a 1 GiB replication then took 8.7 s
        // here, against 7.6 s with 256 KiB.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
        }
    }

    private final HttpClient http;

    RegistryTransport(RegistryEndpoint endpoint) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
        if (endpoint.insecure()) {
            builder.sslContext(TrustEverything.context());
        }
        this.http = builder.build();
    }

    HttpClient http() {
        return http;
    }

    /** One exchange; no answer is a {@link RegistryException} with status 0. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            // a refused connection has no message: name what happened instead of printing "null"
            throw new RegistryException(request.method() + " " + request.uri() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(request.method() + " " + request.uri() + ": interrupted", e);
        }
    }

    /** Frees the connection of a response whose body nobody will read. */
    static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped instead
            }
        }
    }
}
