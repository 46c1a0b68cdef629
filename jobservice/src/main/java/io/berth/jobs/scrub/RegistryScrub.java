package io.berth.jobs.scrub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.RegistryConfig;
import io.berth.common.token.Audiences;
import io.berth.jobs.registry.RegistryInternalClient;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.inject.Singleton;

/** registry-service's internal scrub API ({@code POST /internal/scrub/check}), with tokens of audience {@link Audiences#REGISTRY_SCRUB}. */
@Singleton
public class RegistryScrub extends RegistryInternalClient {
    static final String SUBJECT = "scrubber";

    RegistryScrub(RegistryConfig registry, LocalTokens tokens, ObjectMapper json) {
        super(registry, tokens, json, "scrub", Audiences.REGISTRY_SCRUB, SUBJECT);
    }
}
