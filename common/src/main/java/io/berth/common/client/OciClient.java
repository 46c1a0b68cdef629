package io.berth.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.media.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client of the OCI Distribution API: what replication needs of any registry (Berth, Harbor, CNCF
 * Distribution, …). It logs in as registries ask: Docker token authentication (a token per
 * repository and access, fetched with the endpoint's credentials and fetched again once expired) or
 * Basic. Requests without a streamed body are retried with back-off on no answer, 429 and 5xx.
 * Blob bodies are streamed, never held in memory.
 */
public class OciClient {
    static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"?next\"?");
    private static final int ATTEMPTS = 4;

    static {
        // The JDK client moves bodies in buffers of this size (a documented java.net.http property, read
        // once when the client is first used). 16 KiB by default: a 1 GiB replication then took 8.7 s
        // here, against 7.6 s with 256 KiB.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
        }
    }

    private final RegistryEndpoint endpoint;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration backoff;
    private final Function<List<String>, String> tokens;
    /** The Authorization header that works, per repository and access ("" for the registry itself). */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    public OciClient(RegistryEndpoint endpoint) {
        this(endpoint, Duration.ofMillis(500));
    }

    public OciClient(RegistryEndpoint endpoint, Duration backoff) {
        this(endpoint, backoff, null);
    }

    /**
     * @param tokens when not null, signs the Bearer token for the given scopes itself instead of asking
     *     the realm (a Berth service talking to its own registry-service with the shared token key)
     */
    public OciClient(RegistryEndpoint endpoint, Duration backoff, Function<List<String>, String> tokens) {
        this.endpoint = endpoint;
        this.backoff = backoff;
        this.tokens = tokens;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
        if (endpoint.insecure()) {
            builder.sslContext(trustingEveryCertificate());
        }
        this.http = builder.build();
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    /** The HTTP client (and TLS settings) this client talks to its registry with, for calls beside the OCI API. */
    public HttpClient http() {
        return http;
    }

    /** Checks that the registry answers the OCI API and accepts the credentials. */
    public void ping() {
        HttpResponse<String> response = send(null, false, request("/v2/").GET(), HttpResponse.BodyHandlers.ofString());
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
        HttpResponse<byte[]> response = send(repository, false,
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
        HttpResponse<Void> response = send(repository, false,
                request("/v2/" + repository + "/manifests/" + reference).header("Accept", MANIFEST_ACCEPT)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return null;
        }
        expect(response, "HEAD manifest " + repository + ":" + reference, 200);
        return response.headers().firstValue("Docker-Content-Digest").orElse(null);
    }

    public void putManifest(String repository, String reference, Manifest manifest) {
        HttpResponse<String> response = send(repository, true, request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", manifest.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.content())),
                HttpResponse.BodyHandlers.ofString());
        expect(response, "PUT manifest " + repository + ":" + reference, 201);
    }

    /** Deletes a manifest by digest (with the tags that name it); false if there was none. */
    public boolean deleteManifest(String repository, String digest) {
        HttpResponse<String> response = send(repository, true, request("/v2/" + repository + "/manifests/" + digest).DELETE(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, "DELETE manifest " + repository + "@" + digest, 202);
        return true;
    }

    /**
     * Deletes a tag alone (OCI Distribution 1.1); false if the registry does not delete tags (CNCF
     * Distribution 2.x answers 400/405) — then only deleting the manifest by digest removes it.
     */
    public boolean deleteTag(String repository, String tag) {
        HttpResponse<String> response = send(repository, true, request("/v2/" + repository + "/manifests/" + tag).DELETE(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 400 || response.statusCode() == 405) {
            return false;
        }
        expect(response, "DELETE tag " + repository + ":" + tag, 202, 404);
        return true;
    }

    public boolean hasBlob(String repository, String digest) {
        HttpResponse<Void> response = send(repository, false, request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, "HEAD blob " + repository + "@" + digest, 200);
        return true;
    }

    /**
     * A blob's bytes as a stream, with its length; the caller closes it. A redirect (to object
     * storage, a CDN) is followed without the registry's credentials.
     */
    public Blob openBlob(String repository, String digest) {
        HttpResponse<InputStream> response = send(repository, false, request("/v2/" + repository + "/blobs/" + digest).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3 && response.headers().firstValue("Location").isPresent(); hops++) {
            URI target = response.request().uri().resolve(response.headers().firstValue("Location").get());
            discard(response);
            try {
                response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new RegistryException("GET blob " + digest + " at " + target.getHost() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted", e);
            }
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
        HttpResponse<String> response = send(repository + "\n" + from, true, request("/v2/" + repository + "/blobs/uploads/?mount="
                + digest + "&from=" + from).POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(response, "mount " + digest + " from " + from + " into " + repository, 201, 202);
        return response.statusCode() == 201;
    }

    /** Streams {@code length} bytes of {@code content} as the blob {@code digest}: one upload session, one PUT. */
    public void pushBlob(String repository, String digest, long length, InputStream content) {
        HttpResponse<String> started = send(repository, true, request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(started, "start upload to " + repository, 202);
        URI target = withDigest(location(started, repository), digest);
        HttpRequest.BodyPublisher body = length >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> content);
        HttpRequest.Builder put = HttpRequest.newBuilder(target).header("Content-Type", "application/octet-stream").PUT(body);
        HttpResponse<String> finished = sendOnce(repository, true, put, HttpResponse.BodyHandlers.ofString());
        expect(finished, "upload " + digest + " to " + repository, 201);
    }

    /**
     * Uploads a blob as {@code PATCH} chunks of {@code chunkSize} bytes (each held in memory, so
     * each can be sent again after a failure), then a closing {@code PUT}: for registries or proxies
     * that limit the size of one request.
     */
    public void pushBlobInChunks(String repository, String digest, InputStream content, int chunkSize) throws IOException {
        HttpResponse<String> started = send(repository, true, request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(started, "start upload to " + repository, 202);
        URI location = location(started, repository);
        byte[] chunk = new byte[chunkSize];
        long offset = 0;
        int n;
        while ((n = content.readNBytes(chunk, 0, chunkSize)) > 0) {
            HttpResponse<String> patched = send(repository, true, HttpRequest.newBuilder(location).timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/octet-stream").header("Content-Range", offset + "-" + (offset + n - 1))
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk, 0, n)), HttpResponse.BodyHandlers.ofString());
            expect(patched, "upload chunk " + offset + "-" + (offset + n - 1) + " of " + digest + " to " + repository, 202);
            location = location(patched, repository);
            offset += n;
        }
        HttpResponse<String> finished = send(repository, true, HttpRequest.newBuilder(withDigest(location, digest))
                .timeout(Duration.ofMinutes(5)).PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
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
            HttpResponse<String> response = send(repository, false, request(next).GET(), HttpResponse.BodyHandlers.ofString());
            expect(response, "GET " + next, 200);
            try {
                json.readTree(response.body()).path(field).forEach(n -> all.add(n.asText()));
            } catch (IOException e) {
                throw new RegistryException(response.statusCode(), "GET " + next + ": malformed JSON");
            }
            next = response.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse(null);
        }
        return all;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint.url() + pathAndQuery)).timeout(Duration.ofMinutes(5));
    }

    /** Sends a request without a streamed body: logging in when asked, retrying transient failures with back-off. */
    private <T> HttpResponse<T> send(String repository, boolean push, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        RegistryException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
            try {
                HttpResponse<T> response = sendOnce(repository, push, request, handler);
                if (response.statusCode() == 401) {
                    discard(response);
                    login(repository, push, response);
                    response = sendOnce(repository, push, request, handler);
                }
                if (response.statusCode() != 429 && response.statusCode() < 500) {
                    return response;
                }
                discard(response);
                last = new RegistryException(response.statusCode(), request.build().method() + " " + request.build().uri()
                        + " answered " + response.statusCode());
            } catch (RegistryException e) {
                if (!e.transientFailure()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Frees the connection of a response whose body nobody will read. */
    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped instead
            }
        }
    }

    private <T> HttpResponse<T> sendOnce(String repository, boolean push, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        String authorization = authorizations.get(key(repository, push));
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        HttpRequest built = request.build();
        try {
            return http.send(built, handler);
        } catch (IOException e) {
            throw new RegistryException(built.method() + " " + built.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(built.method() + " " + built.uri() + ": interrupted", e);
        }
    }

    /** Answers a 401's challenge: Basic with the endpoint's credentials, or a Bearer token from the realm it names. */
    private void login(String repository, boolean push, HttpResponse<?> challenged) {
        String challenge = challenged.headers().firstValue("WWW-Authenticate").orElse("");
        String basic = endpoint.anonymous() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((endpoint.username() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8));
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            if (basic == null) {
                throw new RegistryException(401, endpoint.url() + " requires credentials");
            }
            authorizations.put(key(repository, push), basic);
            return;
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new RegistryException(401, endpoint.url() + " refused the request without a usable challenge");
        }
        if (tokens != null) {
            authorizations.put(key(repository, push), "Bearer " + tokens.apply(scopes(repository, push)));
            return;
        }
        Map<String, String> params = new java.util.HashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        StringBuilder url = new StringBuilder(params.getOrDefault("realm", ""));
        url.append(url.indexOf("?") < 0 ? '?' : '&').append("service=").append(URLEncoder.encode(params.getOrDefault("service", ""), StandardCharsets.UTF_8));
        for (String scope : scopes(repository, push)) {
            url.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30)).GET();
        if (basic != null) {
            tokenRequest.header("Authorization", basic);
        }
        HttpResponse<String> response;
        try {
            response = http.send(tokenRequest.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new RegistryException("token service " + params.get("realm") + ": " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(response.statusCode() == 401 ? 401 : response.statusCode(),
                    "token service " + params.get("realm") + " refused the credentials of " + endpoint.url() + " (" + response.statusCode() + ")");
        }
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText();
            authorizations.put(key(repository, push), "Bearer " + token);
        } catch (IOException e) {
            throw new RegistryException(502, "token service " + params.get("realm") + ": malformed answer");
        }
    }

    /** The scopes a request needs: pull (and push) on the repository, pull on a mount's source ({@code "repo\nfrom"}), or the catalog. */
    private static List<String> scopes(String repository, boolean push) {
        if (repository == null) {
            return List.of("registry:catalog:*");
        }
        String[] names = repository.split("\n");
        List<String> scopes = new ArrayList<>();
        scopes.add("repository:" + names[0] + ":" + (push ? "pull,push" : "pull"));
        if (names.length > 1) {
            scopes.add("repository:" + names[1] + ":pull");
        }
        return scopes;
    }

    private static String key(String repository, boolean push) {
        return repository == null ? "" : repository + (push ? "#push" : "#pull");
    }

    private static void expect(HttpResponse<?> response, String what, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        Object body = response.body();
        String detail = body instanceof String s && !s.isBlank() ? ": " + s.strip() : "";
        throw new RegistryException(response.statusCode(), what + " answered " + response.statusCode() + detail);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }

    /**
     * Trusts any certificate for any host name: an {@link X509ExtendedTrustManager}, because JSSE checks
     * the host name itself around a plain {@code X509TrustManager}, and {@code insecure} is meant to
     * reach registries whose certificate names another host (an IP, an internal name) too.
     */
    private static SSLContext trustingEveryCertificate() {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
