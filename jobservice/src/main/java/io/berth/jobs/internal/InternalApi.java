package io.berth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A Berth service's internal API as jobservice calls it ({@code POST <base><op>} with a JSON body, never routed by
 * the gateway): each call carries a token of {@code audience} signed with the token service's key
 * ({@link LocalTokens}), is one bounded, idempotent step of a job, and is interruptible (a stop of the execution
 * interrupts the worker). registry-service's GC API and core's audit-log purge API are called through it.
 */
public final class InternalApi {

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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String service;
    private final String audience;
    private final String subject;
    private final LocalTokens tokens;
    private final ObjectMapper json;

    /** {@code service} names the callee in messages; {@code baseUrl} ends with the API's prefix, e.g. {@code http://…/internal/gc/}. */
    public InternalApi(String service, String baseUrl, String audience, String subject, LocalTokens tokens, ObjectMapper json) {
        this.service = service;
        this.base = URI.create(baseUrl);
        this.audience = audience;
        this.subject = subject;
        this.tokens = tokens;
        this.json = json;
    }

    /** POSTs {@code body} (a JSON tree or a record) to {@code op}; the answer's JSON, or null for 204. */
    public JsonNode call(String op, Object body) throws IOException, InterruptedException {
        String token = tokens.signer().sign(subject, audience, List.of(), Instant.now());
        HttpRequest request = HttpRequest.newBuilder(base.resolve(op)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Failure(response.statusCode(), service + " answered " + response.statusCode() + " to " + base.getPath() + op + ": "
                    + response.body());
        }
        return response.statusCode() == 204 || response.body().isBlank() ? null : json.readTree(response.body());
    }

    /** As {@link #call}, the answer read as {@code type}. */
    public <T> T call(String op, Object body, Class<T> type) throws IOException, InterruptedException {
        return json.treeToValue(call(op, body), type);
    }

    /** Whether trying a failed call again may help: not after a 4xx. */
    public static boolean worthRetrying(Exception failure) {
        return !(failure instanceof Failure f && f.status() / 100 == 4);
    }
}
