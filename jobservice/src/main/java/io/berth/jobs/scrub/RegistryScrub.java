package io.berth.jobs.scrub;

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
 * registry-service's internal scrub API ({@code POST /internal/scrub/check}, never routed by the gateway), called with
 * a token of audience {@link Audiences#REGISTRY_SCRUB} ({@link InternalApi}).
 */
@ApplicationScoped
public class RegistryScrub {
    static final String SUBJECT = "scrubber";

    private final InternalApi api;
    private final ObjectMapper json;

    RegistryScrub(RegistryConfig registry, LocalTokens tokens, ObjectMapper json) {
        this.api = new InternalApi("registry-service", registry.url().replaceAll("/+$", "") + "/internal/scrub/", Audiences.REGISTRY_SCRUB,
                SUBJECT, tokens, json);
        this.json = json;
    }

    ObjectNode body() {
        return json.createObjectNode();
    }

    /** POSTs {@code body} to {@code path} ({@code check}); the answer's JSON. */
    JsonNode call(String path, JsonNode body) throws IOException, InterruptedException {
        return api.call(path, body);
    }
}
