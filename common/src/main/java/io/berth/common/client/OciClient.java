package io.berth.common.client;

import static io.berth.common.client.RegistryLogin.Access.DELETE;
import static io.berth.common.client.RegistryLogin.Access.PULL;
import static io.berth.common.client.RegistryLogin.Access.PUSH;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.RegistryLogin.Access;
import io.berth.common.error.ErrorBodies;
import io.berth.common.media.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the OCI Distribution API: the operations replication needs of any registry (Berth,
 * Harbor, CNCF Distribution, …), and core-service's changes to its own registry-service in a caller's
 * name ({@link #signingWith}). It logs in as registries ask ({@link RegistryLogin}), talks HTTP
 * through {@link RegistryTransport}, and retries requests without a streamed body by the one
 * {@link Retry} policy. Blob bodies are streamed, never held in memory.
 */
public class OciClient {
    static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"?next\"?");
    private static final int ATTEMPTS = 4;
    /** How long a request waits for its answer by default: a large manifest or a redirect over a slow link. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryEndpoint endpoint;
    private final RegistryTransport transport;
    private final RegistryLogin login;
    private final Retry retry;
    private final Duration timeout;

    public OciClient(RegistryEndpoint endpoint) {
        this(endpoint, Duration.ofMillis(500));
    }

    public OciClient(RegistryEndpoint endpoint, Duration backoff) {
        this(endpoint, backoff, null);
    }

    /**
     * @param tokens when not null, signs the Bearer token for the scopes a request needs itself, before the
     *     first request of each repository and access, instead of asking a realm (a Berth service talking to its
     *     own registry-service with the shared token key)
     */
    public OciClient(RegistryEndpoint endpoint, Duration backoff, Function<List<String>, String> tokens) {
        this(endpoint, new Retry(ATTEMPTS, backoff), TIMEOUT, tokens);
    }

    /**
     * As {@link #OciClient(RegistryEndpoint, Duration, Function)}, retrying by {@code retry} ({@code new Retry(1, …)}:
     * never), each request waiting at most {@code timeout} for its answer (a streamed blob upload excepted).
     */
    public OciClient(RegistryEndpoint endpoint, Retry retry, Duration timeout, Function<List<String>, String> tokens) {
        this(endpoint, new RegistryTransport(endpoint), retry, timeout, tokens);
    }

    private OciClient(RegistryEndpoint endpoint, RegistryTransport transport, Retry retry, Duration timeout,
            Function<List<String>, String> tokens) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.login = new RegistryLogin(endpoint, transport, tokens);
        this.retry = retry;
        this.timeout = timeout;
    }

    /**
     * This client's registry, connections and retry policy, with tokens signed by {@code tokens} for the scopes
     * each request needs and nothing else: for a Berth service acting in one caller's name. Its logins are its
     * own, never shared with this client or another one made so; make one per caller and change, it is cheap.
     */
    public OciClient signingWith(Function<List<String>, String> tokens) {
        return new OciClient(endpoint, transport, retry, timeout, tokens);
    }

    /** How calls to this registry are retried: what a copy of many calls retries by too. */
    public Retry retry() {
        return retry;
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    /** The HTTP client (and TLS settings) this client talks to its registry with, for calls beside the OCI API. */
    public HttpClient http() {
        return transport.http();
    }

    /** Checks that the registry answers the OCI API and accepts the credentials. */
    public void ping() {
        HttpResponse<String> response = send(null, PULL, request("/v2/").GET(), HttpResponse.BodyHandlers.ofString());
        expect(response, "GET /v2/", 200);
    }

    /** Every repository name of {@code /v2/_catalog}, page by page. */
    public List<String> catalog() {
        return pages(null, "/v2/_catalog?n=1000", "repositories");
    }

    /** Every tag of a repository; empty if the repository does not exist. */
    public List<String> tags(String repository) {
        try {
            return pages(repository, "/v2/" + repository + "/tags/list?n=1000", "tags");
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /** The manifest {@code reference} names, exactly as served. */
    public Manifest manifest(String repository, String reference) {
        HttpResponse<byte[]> response = send(repository, PULL,
                request("/v2/" + repository + "/manifests/" + reference).header("Accept", MANIFEST_ACCEPT).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        expect(response, "GET manifest " + repository + ":" + reference, 200);
        String digest = response.headers().firstValue("Docker-Content-Digest")
                .orElseGet(() -> io.berth.common.digest.DigestAlgorithm.SHA256.digest(response.body()).toString());
        if (io.berth.common.digest.Digest.looksLikeDigest(reference)) {
            io.berth.common.digest.Digest wanted = io.berth.common.digest.Digest.parse(reference);
            if (!wanted.algorithm().digest(response.body()).equals(wanted)) {
                throw new RegistryException(422, "GET manifest " + repository + "@" + reference + ": the content does not match its digest");
            }
            digest = reference;
        }
        String mediaType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse(MediaTypes.OCI_MANIFEST);
        return new Manifest(response.body(), mediaType, digest);
    }

    /** The digest of the manifest {@code reference} names, or null if there is none. */
    public String manifestDigest(String repository, String reference) {
        HttpResponse<Void> response = send(repository, PULL,
                request("/v2/" + repository + "/manifests/" + reference).header("Accept", MANIFEST_ACCEPT)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return null;
        }
        expect(response, "HEAD manifest " + repository + ":" + reference, 200);
        return response.headers().firstValue("Docker-Content-Digest").orElse(null);
    }

    public void putManifest(String repository, String reference, Manifest manifest) {
        HttpResponse<String> response = send(repository, PUSH, request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", manifest.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.content())),
                HttpResponse.BodyHandlers.ofString());
        expect(response, "PUT manifest " + repository + ":" + reference, 201);
    }

    /**
     * Deletes what {@code reference} names: a manifest by digest, with the tags that name it, or a tag alone
     * where the registry deletes tags (OCI Distribution 1.1, Berth); false if there was none.
     */
    public boolean deleteManifest(String repository, String reference) {
        HttpResponse<String> response = send(repository, DELETE, request("/v2/" + repository + "/manifests/" + reference).DELETE(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, "DELETE manifest " + repository + "@" + reference, 202);
        return true;
    }

    /**
     * Deletes a tag alone (OCI Distribution 1.1); false if the registry does not delete tags (CNCF
     * Distribution 2.x answers 400/405) — then only deleting the manifest by digest removes it.
     */
    public boolean deleteTag(String repository, String tag) {
        HttpResponse<String> response = send(repository, DELETE, request("/v2/" + repository + "/manifests/" + tag).DELETE(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 400 || response.statusCode() == 405) {
            return false;
        }
        expect(response, "DELETE tag " + repository + ":" + tag, 202, 404);
        return true;
    }

    public boolean hasBlob(String repository, String digest) {
        HttpResponse<Void> response = send(repository, PULL, request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, "HEAD blob " + repository + "@" + digest, 200);
        return true;
    }

    /** The size of a blob as a {@code HEAD} answers it: -1 if the registry does not have it, or does not say. */
    public long blobSize(String repository, String digest) {
        HttpResponse<Void> response = send(repository, PULL, request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return -1;
        }
        expect(response, "HEAD blob " + repository + "@" + digest, 200);
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /**
     * The Authorization header a pull of {@code repository} goes with now (after a request of it, such as
     * {@link #blobSize}, logged in as the registry asked), or null if none was needed: for a caller that fetches
     * that repository's bytes with another HTTP client.
     */
    public String pullAuthorization(String repository) {
        return login.authorization(repository, PULL);
    }

    /**
     * A blob's bytes as a stream, with its length; the caller closes it. A redirect (to object
     * storage, a CDN) is followed without the registry's credentials.
     */
    public Blob openBlob(String repository, String digest) {
        HttpResponse<InputStream> response = send(repository, PULL, request("/v2/" + repository + "/blobs/" + digest).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3 && response.headers().firstValue("Location").isPresent(); hops++) {
            URI target = response.request().uri().resolve(response.headers().firstValue("Location").get());
            RegistryTransport.discard(response);
            response = transport.send(HttpRequest.newBuilder(target).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                expect(response, "GET blob " + repository + "@" + digest, 200);
            } catch (IOException e) {
                throw new RegistryException("GET blob " + repository + "@" + digest + ": " + e.getMessage(), e);
            }
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Blob(response.body(), length);
    }

    /** A blob being read: close it when done. */
    public record Blob(InputStream content, long length) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    /** Mounts a blob from another repository of the same registry; false if the registry started an upload instead. */
    public boolean mount(String repository, String digest, String from) {
        HttpResponse<String> response = send(repository + "\n" + from, PUSH, request("/v2/" + repository + "/blobs/uploads/?mount="
                + digest + "&from=" + from).POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(response, "mount " + digest + " from " + from + " into " + repository, 201, 202);
        return response.statusCode() == 201;
    }

    /** Streams {@code length} bytes of {@code content} as the blob {@code digest}: one upload session, one PUT. */
    public void pushBlob(String repository, String digest, long length, InputStream content) {
        HttpResponse<String> started = send(repository, PUSH, request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(started, "start upload to " + repository, 202);
        URI target = withDigest(location(started, repository), digest);
        HttpRequest.BodyPublisher body = length >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> content);
        HttpRequest.Builder put = HttpRequest.newBuilder(target).header("Content-Type", "application/octet-stream").PUT(body);
        HttpResponse<String> finished = sendOnce(repository, PUSH, put, HttpResponse.BodyHandlers.ofString());
        expect(finished, "upload " + digest + " to " + repository, 201);
    }

    /**
     * Uploads a blob as {@code PATCH} chunks of {@code chunkSize} bytes (each held in memory, so
     * each can be sent again after a failure), then a closing {@code PUT}: for registries or proxies
     * that limit the size of one request.
     */
    public void pushBlobInChunks(String repository, String digest, InputStream content, int chunkSize) throws IOException {
        HttpResponse<String> started = send(repository, PUSH, request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(started, "start upload to " + repository, 202);
        URI location = location(started, repository);
        byte[] chunk = new byte[chunkSize];
        long offset = 0;
        int n;
        while ((n = content.readNBytes(chunk, 0, chunkSize)) > 0) {
            HttpResponse<String> patched = send(repository, PUSH, HttpRequest.newBuilder(location).timeout(timeout)
                    .header("Content-Type", "application/octet-stream").header("Content-Range", offset + "-" + (offset + n - 1))
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk, 0, n)), HttpResponse.BodyHandlers.ofString());
            expect(patched, "upload chunk " + offset + "-" + (offset + n - 1) + " of " + digest + " to " + repository, 202);
            location = location(patched, repository);
            offset += n;
        }
        HttpResponse<String> finished = send(repository, PUSH, HttpRequest.newBuilder(withDigest(location, digest))
                .timeout(timeout).PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(finished, "finish upload of " + digest + " to " + repository, 201);
    }

    private URI location(HttpResponse<String> response, String repository) {
        return endpoint.url().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException(response.statusCode(), "upload to " + repository + ": no Location")));
    }

    private static URI withDigest(URI location, String digest) {
        String separator = location.getRawQuery() == null ? "?" : "&";
        return URI.create(location + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    }

    private List<String> pages(String repository, String first, String field) {
        List<String> all = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpResponse<String> response = send(repository, PULL, request(next).GET(), HttpResponse.BodyHandlers.ofString());
            expect(response, "GET " + next, 200);
            try {
                JSON.readTree(response.body()).path(field).forEach(n -> all.add(n.asText()));
            } catch (IOException e) {
                throw new RegistryException(response.statusCode(), "GET " + next + ": malformed JSON");
            }
            next = response.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse(null);
        }
        return all;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint.url() + pathAndQuery)).timeout(timeout);
    }

    /** Sends a request without a streamed body: logging in when asked, retrying transient failures by {@link #retry}. */
    private <T> HttpResponse<T> send(String repository, Access access, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        return retry.run(request.build().method() + " " + request.build().uri(), () -> {
            HttpResponse<T> response = sendOnce(repository, access, request, handler);
            if (response.statusCode() == 401) {
                RegistryTransport.discard(response);
                login.login(repository, access, response);
                response = sendOnce(repository, access, request, handler);
            }
            if (response.statusCode() == 429 || response.statusCode() >= 500) {
                RegistryTransport.discard(response);
                throw new RegistryException(response.statusCode(), request.build().method() + " " + request.build().uri()
                        + " answered " + response.statusCode());
            }
            return response;
        });
    }

    private <T> HttpResponse<T> sendOnce(String repository, Access access, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        return transport.send(login.authorize(request, repository, access).build(), handler);
    }

    private static void expect(HttpResponse<?> response, String what, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        Object body = response.body();
        String text = body instanceof String s ? s.strip() : "";
        throw new RegistryException(response.statusCode(), what + " answered " + response.statusCode() + (text.isEmpty() ? "" : ": " + text),
                ErrorBodies.firstMessage(text, ""));
    }
}
