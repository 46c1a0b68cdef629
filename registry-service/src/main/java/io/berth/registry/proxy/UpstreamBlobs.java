package io.berth.registry.proxy;

import io.berth.common.client.RegistryEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Blob GETs to upstream registries with Vert.x's client, whose response a {@link BlobPipe} streams to the client on
 * the event loop: the JDK client's one selector thread and blocking stream moved a pass-through at a fifth of a direct
 * pull's rate here. The login is the {@link io.berth.common.client.OciClient}'s (its header for the repository). No
 * fixed timeout on a transfer that is still moving bytes: a connection idle for {@value #IDLE_SECONDS} s is closed.
 */
@ApplicationScoped
public class UpstreamBlobs {
    static final int IDLE_SECONDS = 60;

    private final HttpClient verifying;
    private final HttpClient trustingEverything;

    UpstreamBlobs(Vertx vertx) {
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true).setConnectTimeout(10_000)
                .setIdleTimeout(IDLE_SECONDS).setForceSni(true).setReceiveBufferSize(1 << 20).setMaxChunkSize(1 << 20);
        this.verifying = vertx.createHttpClient(new HttpClientOptions(options));
        // an endpoint marked insecure: as the OCI client does for it, every certificate is taken
        this.trustingEverything = vertx.createHttpClient(new HttpClientOptions(options).setTrustAll(true).setVerifyHost(false));
    }

    /** The upstream's answer to {@code GET /v2/<repository>/blobs/<digest>}, its body not read yet; redirects are not followed. */
    Future<HttpClientResponse> get(RegistryEndpoint endpoint, String repository, String digest, String authorization) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setFollowRedirects(false)
                .setAbsoluteURI(endpoint.url() + "/v2/" + repository + "/blobs/" + digest);
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return (endpoint.insecure() ? trustingEverything : verifying).request(request).compose(r -> r.send());
    }

    @PreDestroy
    void close() {
        verifying.close();
        trustingEverything.close();
    }
}
