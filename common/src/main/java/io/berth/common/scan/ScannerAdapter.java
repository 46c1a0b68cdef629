package io.berth.common.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.TrustEverything;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A scanner adapter as Harbor's core and jobservice call it: the Pluggable Scanner Adapter API v1.1
 * ({@code GET /api/v1/metadata}, {@code POST /api/v1/scan}, {@code GET /api/v1/scan/{id}/report}) at the registration's
 * URL, with its authorization ({@link ScannerAuth}). Every call ends within {@link #TIMEOUT}; an answer the spec does
 * not allow is an {@link AdapterException} that says what came back. Report bodies are read as a stream and bounded
 * ({@link #MAX_REPORT_BYTES}), never without limit.
 */
public final class ScannerAdapter {
    /** How long one call to an adapter may take, connect and answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The largest report accepted: a report is stored whole in core's database. */
    public static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;

    static final String SCAN_REQUEST_TYPE = "application/vnd.scanner.adapter.scan.request+json; version=1.0";
    static final String METADATA_TYPE = "application/vnd.scanner.adapter.metadata+json; version=1.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient VERIFYING = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final HttpClient TRUSTING = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).sslContext(TrustEverything.context()).build();

    private final URI base;
    private final ScannerAuth auth;
    private final String credential;
    private final boolean skipCertVerify;

    /** {@code url} is the adapter's base URL (without {@code /api/v1}); {@code credential} the plain access credential or null. */
    public ScannerAdapter(String url, ScannerAuth auth, String credential, boolean skipCertVerify) {
        this.base = URI.create(checkUrl(url).replaceAll("/+$", "") + "/");
        this.auth = auth;
        this.credential = credential;
        this.skipCertVerify = skipCertVerify;
    }

    /** {@code url} as an adapter's base URL: absolute http(s) with a host; an IllegalArgumentException says what is wrong. */
    public static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("url must start with http:// or https://, not '" + url + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("url has no host: '" + url + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("url must not have a query or fragment: '" + url + "'");
        }
        return url.trim();
    }

    /** {@code GET /api/v1/metadata}: the scanner and what it consumes and produces; checked to name a scanner and capabilities. */
    public AdapterMetadata metadata() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send(request("api/v1/metadata").header("Accept", METADATA_TYPE + ", application/json").GET());
        byte[] body = read(response, 1024 * 1024);
        if (response.statusCode() != 200) {
            throw new AdapterException(response.statusCode(), "the adapter answered " + response.statusCode() + " to GET /api/v1/metadata"
                    + errorOf(body));
        }
        AdapterMetadata metadata;
        try {
            metadata = JSON.readValue(body, AdapterMetadata.class);
        } catch (IOException e) {
            throw new AdapterException(200, "the adapter's metadata is not the spec's JSON: " + e.getMessage());
        }
        String problem = metadata.problem();
        if (problem != null) {
            throw new AdapterException(200, "the adapter's metadata is incomplete: " + problem);
        }
        return metadata;
    }

    /** {@code POST /api/v1/scan}: the adapter's id of the scan request (202). */
    public String scan(ScanRequest scan) throws IOException, InterruptedException {
        byte[] payload = JSON.writeValueAsBytes(scan);
        HttpResponse<InputStream> response = send(request("api/v1/scan").header("Content-Type", SCAN_REQUEST_TYPE)
                .header("Accept", "application/vnd.scanner.adapter.scan.response+json; version=1.0, application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)));
        byte[] body = read(response, 64 * 1024);
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new AdapterException(response.statusCode(), "the adapter answered " + response.statusCode() + " to POST /api/v1/scan" + errorOf(body));
        }
        try {
            String id = JSON.readTree(body).path("id").asText("");
            if (id.isBlank()) {
                throw new AdapterException(response.statusCode(), "the adapter accepted the scan without an id");
            }
            return id;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AdapterException(response.statusCode(), "the adapter's answer to POST /api/v1/scan is not JSON");
        }
    }

    /**
     * {@code GET /api/v1/scan/{id}/report} for {@code mimeType}: the report, or, while it is being made (302), empty with
     * the wait the adapter asked for ({@code Refresh-After} of the spec, or {@code Retry-After}, in seconds) in {@code retryAfter[0]}.
     */
    public Optional<String> report(String scanId, String mimeType, Duration[] retryAfter) throws IOException, InterruptedException {
        return report(scanId, mimeType, null, retryAfter);
    }

    /** The same, for an SBOM report in {@code sbomMediaType} (the spec's {@code ?sbom_media_type=}; null for other reports). */
    public Optional<String> report(String scanId, String mimeType, String sbomMediaType, Duration[] retryAfter) throws IOException, InterruptedException {
        String query = sbomMediaType == null ? "" : "?sbom_media_type=" + encode(sbomMediaType);
        HttpResponse<InputStream> response = send(request("api/v1/scan/" + encode(scanId) + "/report" + query).header("Accept", mimeType).GET());
        if (response.statusCode() == 302) {
            read(response, 64 * 1024);
            retryAfter[0] = seconds(response.headers().firstValue("Refresh-After").or(() -> response.headers().firstValue("Retry-After")));
            return Optional.empty();
        }
        byte[] body = read(response, MAX_REPORT_BYTES);
        if (response.statusCode() != 200) {
            throw new AdapterException(response.statusCode(), "the adapter answered " + response.statusCode() + " to GET /api/v1/scan/" + scanId
                    + "/report" + errorOf(body));
        }
        return Optional.of(new String(body, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("User-Agent", "Berth-Scan");
        if (credential != null && !credential.isEmpty()) {
            switch (auth) {
                case BASIC -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)));
                case BEARER -> request.header("Authorization", "Bearer " + credential);
                case API_KEY -> request.header("X-ScannerAdapter-API-Key", credential);
                case NONE -> { }
            }
        }
        return request;
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        try {
            return (skipCertVerify ? TRUSTING : VERIFYING).send(built, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new AdapterException(0, "the adapter at " + base + " did not answer " + built.method() + " " + built.uri().getPath() + " within "
                    + TIMEOUT.toSeconds() + " s");
        } catch (java.net.ConnectException e) {
            throw new AdapterException(0, "cannot connect to the adapter at " + base + ": " + (e.getMessage() == null ? "connection refused" : e.getMessage()));
        } catch (IOException e) {
            throw new AdapterException(0, "the adapter at " + base + " cannot be reached: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** The body, at most {@code limit} bytes (more is an error, and the rest is not read). */
    private static byte[] read(HttpResponse<InputStream> response, long limit) throws IOException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new AdapterException(response.statusCode(), "the adapter's answer is larger than " + limit + " bytes");
            }
            return bytes;
        }
    }

    /** ": <message>" of the spec's error body ({@code {"error":{"message"}}}), or of a short text body. */
    private static String errorOf(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return ": " + message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the text itself, shortened
        }
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private static Duration seconds(Optional<String> header) {
        try {
            return header.map(String::trim).map(Long::parseLong).filter(s -> s >= 0).map(Duration::ofSeconds).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A call that failed: the adapter's HTTP status (0 when it did not answer) and what happened. */
    public static final class AdapterException extends IOException {
        private final int status;

        public AdapterException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** Whether trying again may help: no answer, a 5xx, 408 or 429 — not another 4xx nor a malformed answer. */
        public boolean transientFailure() {
            return status == 0 || status >= 500 || status == 408 || status == 429;
        }
    }
}
