package io.berth.jobs.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.config.RegistryConfig;
import io.berth.common.token.Audiences;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * registry-service's internal garbage-collection API ({@code POST /internal/gc/…}, never routed by the gateway), called
 * with a token of audience {@link Audiences#REGISTRY_GC} signed with the token service's key. Each call is one bounded,
 * idempotent batch; a call is interruptible (a stop of the execution interrupts the worker).
 */
@ApplicationScoped
public class RegistryGc {
    static final String SUBJECT = "garbage-collector";

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
    private final LocalTokens tokens;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RegistryGc(RegistryConfig registry, LocalTokens tokens, ObjectMapper json) {
        this.base = URI.create(registry.url().replaceAll("/+$", "") + "/internal/gc/");
        this.tokens = tokens;
        this.json = json;
    }

    ObjectNode body() {
        return json.createObjectNode();
    }

    /** POSTs {@code body} to {@code path} (e.g. {@code links/collect}); the answer's JSON, or null for 204. */
    public JsonNode call(String path, JsonNode body) throws IOException, InterruptedException {
        String token = tokens.signer().sign(SUBJECT, Audiences.REGISTRY_GC, List.of(), Instant.now());
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Failure(response.statusCode(), "registry-service answered " + response.statusCode() + " to gc/" + path + ": "
                    + response.body());
        }
        return response.statusCode() == 204 || response.body().isBlank() ? null : json.readTree(response.body());
    }
}
