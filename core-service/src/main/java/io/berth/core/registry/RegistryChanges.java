package io.berth.core.registry;

import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.client.RegistryException;
import io.berth.common.client.Retry;
import io.berth.common.config.RegistryConfig;
import io.berth.common.config.TokenConfig;
import io.berth.common.error.HarborException;
import io.berth.common.scope.Scope;
import io.berth.core.identity.Caller;
import io.berth.core.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Changes to registry content (and the few reads core needs of blobs) made through registry-service's own API, so that they take the same
 * path as a client's: same checks, same transaction, same events (and so the same audit entries,
 * in the caller's name). The calls are common's {@link OciClient}; core signs each a token for the
 * caller with exactly the access the change needs (it has checked the caller's rights itself before),
 * and answers registry-service's refusals as Harbor's errors. Nothing is tried again: a change
 * registry-service refused or did not answer is the caller's to retry.
 */
@ApplicationScoped
public class RegistryChanges {
    private static final Logger LOG = Logger.getLogger(RegistryChanges.class);

    private final OciClient registry;
    private final TokenIssuer tokens;
    private final String service;

    RegistryChanges(RegistryConfig registryConfig, TokenConfig tokenConfig, TokenIssuer tokens) {
        // registry-service answers a change at once; one stalled for a minute is as good as down (503), before the gateway cuts it
        this.registry = new OciClient(new RegistryEndpoint(URI.create(registryConfig.url()), null, null, false),
                new Retry(1, Duration.ZERO), Duration.ofSeconds(60), null);
        this.tokens = tokens;
        this.service = tokenConfig.service();
    }

    /** Deletes a manifest by digest (with its tags), or one tag; 404 if there is no such thing, 409 while an index lists it. */
    public void delete(Caller caller, String repository, String reference) {
        String what = "delete " + repository + ":" + reference;
        if (!call(what, () -> as(caller).deleteManifest(repository, reference))) {
            throw HarborException.notFound(what + ": not found");
        }
    }

    /** Pushes a manifest's exact bytes under {@code tag}. */
    public void tag(Caller caller, String repository, String tag, String mediaType, byte[] content) {
        call("tag " + repository + ":" + tag, () -> {
            as(caller).putManifest(repository, tag, new Manifest(content, mediaType, null));
            return true;
        });
    }

    /**
     * A small blob's bytes (an image's config), read through registry-service in the caller's name; refused
     * (422) when it is larger than {@code limit} bytes, so that no large blob is ever held in memory.
     */
    public byte[] smallBlob(Caller caller, String repository, String digest, int limit) {
        String what = "read " + repository + "@" + digest;
        return call(what, () -> {
            try (OciClient.Blob blob = as(caller).openBlob(repository, digest)) {
                if (blob.length() > limit) {
                    throw new HarborException(422, "UNPROCESSABLE_ENTITY", what + ": " + blob.length() + " bytes, more than the "
                            + limit + " Berth reads to show it");
                }
                byte[] bytes = blob.content().readNBytes(limit + 1);
                if (bytes.length > limit) {
                    throw new HarborException(422, "UNPROCESSABLE_ENTITY", what + ": more than the " + limit + " bytes Berth reads to show it");
                }
                return bytes;
            } catch (IOException e) {
                throw new RegistryException(what + ": " + e.getMessage(), e);
            }
        });
    }

    /** registry-service's API in the caller's name: each request with a token of core's key for the access it needs. */
    private OciClient as(Caller caller) {
        return registry.signingWith(scopes -> tokens.issue(caller.name(), service, scopes.stream().map(Scope::parse).toList()).token());
    }

    private static <T> T call(String what, Supplier<T> change) {
        try {
            return change.get();
        } catch (RegistryException e) {
            switch (e.status()) {
                case 0 -> {
                    LOG.warnf("registry-service unreachable to %s: %s", what, e.getMessage());
                    throw new HarborException(503, "SERVICE_UNAVAILABLE", "registry-service is not answering; try again");
                }
                case 404 -> throw HarborException.notFound(what + ": not found");
                case 409 -> throw HarborException.conflict(what + ": " + e.answer());
                // an immutable tag rule protects the tag: Harbor's 412 with registry-service's message naming tag and rule
                case 412 -> throw HarborException.preconditionFailed(what + ": " + e.answer());
                case 400 -> throw HarborException.badRequest(what + ": " + e.answer());
                default -> {
                    LOG.errorf("registry-service answered %d to %s: %s", e.status(), what, e.getMessage());
                    throw new HarborException(500, "UNKNOWN", "registry-service refused to " + what);
                }
            }
        }
    }
}
