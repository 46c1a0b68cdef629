package io.berth.jobs.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.config.RegistryConfig;
import io.berth.jobs.tokens.LocalTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One of registry-service's internal APIs ({@code POST /internal/<api>/…}, never routed by the gateway), called with a
 * short-lived token of the API's own audience signed with the token service's key. Each call is one bounded,
 * idempotent batch; a call is interruptible (a stop of the execution interrupts the worker).
 */
public abstract class RegistryInternalClient {

    /** An answer other than 2xx: 4xx are not worth trying again, 5xx and no answer are. */
    public static final class Failure extends IOException {
        private final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final URI base;
    private final String api;
    private final String audience;
    private final String subject;
    private final LocalTokens tokens;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** For {@code /internal/<api>/}, tokens of {@code audience} for {@code subject}. */
    protected RegistryInternalClient(RegistryConfig registry, LocalTokens tokens, ObjectMapper json, String api, String audience, String subject) {
        this.base = URI.create(registry.url().replaceAll("/+$", "") + "/internal/" + api + "/");
        this.api = api;
        this.audience = audience;
        this.subject = subject;
        this.tokens = tokens;
        this.json = json;
    }

    public ObjectNode body() {
        return json.createObjectNode();
    }

    /** POSTs {@code body} to {@code path} (e.g. {@code links/collect}); the answer's JSON, or null for 204. */
    public JsonNode call(String path, JsonNode body) throws IOException, InterruptedException {
        String token = tokens.signer().sign(subject, audience, List.of(), Instant.now());
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Failure(response.statusCode(), "registry-service answered " + response.statusCode() + " to " + api + "/" + path + ": "
                    + response.body());
        }
        return response.statusCode() == 204 || response.body().isBlank() ? null : json.readTree(response.body());
    }

    /** Whether trying a failed call again may help: not after a 4xx. */
    public static boolean worthRetrying(Exception failure) {
        return !(failure instanceof Failure f && f.status() / 100 == 4);
    }
}
