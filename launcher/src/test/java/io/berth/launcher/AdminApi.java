package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

/** Harbor's REST API of a {@link BerthSystem} through its gateway, as the administrator. */
record AdminApi(BerthSystem berth, String credentials) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VULNERABILITY_REPORT = "application/vnd.security.vulnerability.report; version=1.1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> call(String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(berth.url() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The artifact's (a path with {@code with_scan_overview=true}) overview of its vulnerability report; missing if none. */
    JsonNode scanOverview(String artifact) throws Exception {
        HttpResponse<String> got = call("GET", artifact, null);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        return JSON.readTree(got.body()).path("scan_overview").path(VULNERABILITY_REPORT);
    }
}
