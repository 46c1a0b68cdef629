package io.berth.jobs.gc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.RegistryConfig;
import io.berth.common.token.Audiences;
import io.berth.jobs.registry.RegistryInternalClient;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.inject.Singleton;

/** registry-service's internal garbage-collection API ({@code POST /internal/gc/…}), with tokens of audience {@link Audiences#REGISTRY_GC}. A singleton: its superclass has no no-argument constructor for a client proxy. */
@Singleton
public class RegistryGc extends RegistryInternalClient {
    static final String SUBJECT = "garbage-collector";

    RegistryGc(RegistryConfig registry, LocalTokens tokens, ObjectMapper json) {
        super(registry, tokens, json, "gc", Audiences.REGISTRY_GC, SUBJECT);
    }
}
