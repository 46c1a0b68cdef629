package io.berth.jobs.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.config.RegistryConfig;
import io.berth.common.token.Audiences;
import io.berth.jobs.internal.InternalApi;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * registry-service's internal garbage-collection API ({@code POST /internal/gc/…}, never routed by the gateway), called
 * with a token of audience {@link Audiences#REGISTRY_GC} ({@link InternalApi}).
 */
@ApplicationScoped
public class RegistryGc {
    static final String SUBJECT = "garbage-collector";

    private final InternalApi api;
    private final ObjectMapper json;

    RegistryGc(RegistryConfig registry, LocalTokens tokens, ObjectMapper json) {
        this.api = new InternalApi("registry-service", registry.url().replaceAll("/+$", "") + "/internal/gc/", Audiences.REGISTRY_GC, SUBJECT,
                tokens, json);
        this.json = json;
    }

    ObjectNode body() {
        return json.createObjectNode();
    }

    /** POSTs {@code body} to {@code path} (e.g. {@code links/collect}); the answer's JSON, or null for 204. */
    public JsonNode call(String path, JsonNode body) throws IOException, InterruptedException {
        return api.call(path, body);
    }
}
