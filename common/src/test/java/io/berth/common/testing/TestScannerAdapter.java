package io.berth.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scanner adapter over real HTTP that speaks the Pluggable Scanner Adapter API v1.1 ({@code GET /api/v1/metadata},
 * {@code POST /api/v1/scan}, {@code GET /api/v1/scan/{id}/report}) and misbehaves on demand: the report answers 302 with
 * {@code Refresh-After} a given number of times first ({@link #pending}), a status instead of the report ({@link #reportStatus}),
 * a 500 to the scan request ({@link #scanStatus}).
 * A test double, acceptable here only because these tests must produce an adapter's misbehaviour on demand, which a real
 * adapter (harbor-scanner-trivy, Berth's own) cannot be made to do; it records what it was asked ({@link #scanRequests},
 * {@link #reportAccepts}) so that tests check what Berth sent.
 */
public final class TestScannerAdapter implements AutoCloseable {
    public static final String API_KEY = "s3cret-key";
    public static final String REPORT_TYPE = "application/vnd.security.vulnerability.report; version=1.1";
    public static final String SBOM_REPORT_TYPE = "application/vnd.security.sbom.report+json; version=1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> scanRequests = new CopyOnWriteArrayList<>();
    public final List<String> reportAccepts = new CopyOnWriteArrayList<>();
    /** The query of each report request ({@code sbom_media_type=…} for SBOMs), "" when there is none. */
    public final List<String> reportQueries = new CopyOnWriteArrayList<>();
    /** Whether the metadata offers the spec v1.2 {@code sbom} capability (SPDX JSON), and SBOM reports are answered. */
    public volatile boolean sbom;
    public final List<String> apiKeys = new CopyOnWriteArrayList<>();
    /** How many 302 answers each scan's report gets before the report. */
    public volatile int pending;
    /** If not 0, the report request is answered this status (with the spec's error body) instead. */
    public volatile int reportStatus;
    /** If not 0, the scan request is answered this status instead of 202. */
    public volatile int scanStatus;
    /** The vulnerabilities every report lists (the spec's VulnerabilityItem maps). */
    public volatile List<Map<String, Object>> vulnerabilities = List.of(
            Map.of("id", "CVE-2021-44228", "package", "log4j-core", "version", "2.14.1", "fix_version", "2.15.0", "severity", "Critical"),
            Map.of("id", "CVE-2020-36518", "package", "jackson-databind", "version", "2.12.0", "fix_version", "2.12.6.1", "severity", "High"),
            Map.of("id", "CVE-2022-0000", "package", "zlib", "version", "1.2", "severity", "Low"));

    private final HttpServer server;
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> artifacts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public TestScannerAdapter() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void reset() {
        scanRequests.clear();
        reportAccepts.clear();
        reportQueries.clear();
        sbom = false;
        apiKeys.clear();
        pending = 0;
        reportStatus = 0;
        scanStatus = 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("X-ScannerAdapter-API-Key");
            apiKeys.add(key == null ? "" : key);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v1/metadata")) {
                List<String> images = List.of("application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json");
                List<Map<String, Object>> capabilities = new java.util.ArrayList<>(List.of(Map.of("consumes_mime_types", images,
                        "produces_mime_types", List.of(REPORT_TYPE))));
                if (sbom) {
                    capabilities.add(Map.of("type", "sbom", "consumes_mime_types", images, "produces_mime_types", List.of(SBOM_REPORT_TYPE)));
                }
                send(exchange, 200, Map.of("scanner", Map.of("name", "TestScanner", "vendor", "Berth tests", "version", "1.0"),
                        "capabilities", capabilities, "properties", Map.of("harbor.scanner-adapter/scanner-type", "os-package-vulnerability")));
            } else if (path.equals("/api/v1/scan") && exchange.getRequestMethod().equals("POST")) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                scanRequests.add(request);
                if (scanStatus != 0) {
                    send(exchange, scanStatus, Map.of("error", Map.of("message", "scan refused on purpose")));
                    return;
                }
                String id = "scan-" + ids.incrementAndGet();
                artifacts.put(id, request.path("artifact"));
                send(exchange, 202, Map.of("id", id));
            } else if (path.startsWith("/api/v1/scan/") && path.endsWith("/report")) {
                String id = path.substring("/api/v1/scan/".length(), path.length() - "/report".length());
                reportAccepts.add(exchange.getRequestHeaders().getFirst("Accept"));
                String query = exchange.getRequestURI().getRawQuery();
                reportQueries.add(query == null ? "" : query);
                if (!artifacts.containsKey(id)) {
                    send(exchange, 404, Map.of("error", Map.of("message", "no scan " + id)));
                } else if (reportStatus != 0) {
                    send(exchange, reportStatus, Map.of("error", Map.of("message", "report failed on purpose")));
                } else if (polls.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement() < pending) {
                    exchange.getResponseHeaders().set("Refresh-After", "1");
                    exchange.sendResponseHeaders(302, -1);
                } else if (sbom && SBOM_REPORT_TYPE.equals(exchange.getRequestHeaders().getFirst("Accept"))) {
                    send(exchange, 200, Map.of("generated_at", "2026-12-07T10:00:00Z", "artifact", artifacts.get(id),
                            "scanner", Map.of("name", "TestScanner", "vendor", "Berth tests", "version", "1.0"), "vendor_attributes", Map.of(),
                            "media_type", "application/spdx+json", "sbom", Map.of("spdxVersion", "SPDX-2.3", "SPDXID", "SPDXRef-DOCUMENT",
                                    "name", artifacts.get(id).path("repository").asText(), "packages", List.of(Map.of("name", "bash",
                                            "SPDXID", "SPDXRef-Package-bash", "versionInfo", "5.2.15-2+b8")))));
                } else {
                    send(exchange, 200, Map.of("generated_at", "2026-12-07T10:00:00Z", "artifact", artifacts.get(id),
                            "scanner", Map.of("name", "TestScanner", "vendor", "Berth tests", "version", "1.0"),
                            "severity", "Critical", "vulnerabilities", vulnerabilities));
                }
            } else {
                send(exchange, 404, Map.of("error", Map.of("message", "unknown path " + path)));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
