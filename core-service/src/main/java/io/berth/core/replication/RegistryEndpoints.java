package io.berth.core.replication;

import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.client.RegistryException;
import io.berth.core.api.HarborException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Registry endpoints: a request's fields applied over a registry (stored, or a copy to ping), and the
 * ping. Berth logs in to registries with basic credentials and trusts the JVM's certificate
 * authorities (or none, when insecure); other credential types and a CA certificate are refused.
 */
@ApplicationScoped
public class RegistryEndpoints {
    static final Set<String> TYPES = Set.of("berth", "harbor", "docker-registry");
    static final String MASK = "*****";

    private final Secrets secrets;

    RegistryEndpoints(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Sets the fields {@code request} gives; the secret {@link #MASK} (as every answer shows it) keeps the stored one. */
    void apply(RemoteRegistry registry, RegistryRequest request) {
        if (request.type() != null) {
            if (!TYPES.contains(request.type())) {
                throw HarborException.badRequest("unsupported registry type '" + request.type() + "'; supported: " + TYPES);
            }
            registry.type = request.type();
        } else if (registry.type == null) {
            throw HarborException.badRequest("type is required; supported: " + TYPES);
        }
        if (request.url() != null) {
            try {
                new RegistryEndpoint(URI.create(request.url()), null, null, false);
            } catch (IllegalArgumentException e) {
                throw HarborException.badRequest("invalid url: " + e.getMessage());
            }
            registry.url = request.url().replaceAll("/+$", "");
        } else if (registry.url == null) {
            throw HarborException.badRequest("url is required");
        }
        if (request.caCertificate() != null && !request.caCertificate().isBlank()) {
            throw HarborException.badRequest("ca_certificate is not supported yet: Berth trusts the certificate authorities of its JVM, "
                    + "or none with insecure");
        }
        if (request.credential() != null) {
            requireBasic(request.credential().type());
            registry.accessKey = blankToNull(request.credential().accessKey());
            setSecret(registry, request.credential().accessSecret());
        }
        requireBasic(request.credentialType());
        if (request.accessKey() != null) {
            registry.accessKey = blankToNull(request.accessKey());
        }
        setSecret(registry, request.accessSecret());
        if (request.insecure() != null) {
            registry.insecure = request.insecure();
        }
        if (request.description() != null) {
            registry.description = request.description();
        }
    }

    /** Checks a registry, stored ({@code id}, with the fields given tried over it, not stored) or given in full. */
    void ping(RegistryRequest request) {
        RemoteRegistry target = request.id() == null ? new RemoteRegistry() : RegistryEndpointResource.find(request.id()).copy();
        apply(target, request);
        try {
            client(target).ping();
        } catch (RegistryException e) {
            throw HarborException.badRequest("the registry does not answer as expected: " + e.getMessage());
        }
    }

    OciClient client(RemoteRegistry registry) {
        return new OciClient(new RegistryEndpoint(URI.create(registry.url), registry.accessKey, secrets.open(registry.sealedSecret),
                registry.insecure), Duration.ofMillis(200));
    }

    private void setSecret(RemoteRegistry registry, String secret) {
        if (secret != null && !secret.equals(MASK)) {
            String plain = blankToNull(secret);
            registry.sealedSecret = plain == null ? null : secrets.seal(plain);
        }
    }

    private static void requireBasic(String credentialType) {
        if (credentialType != null && !credentialType.isEmpty() && !credentialType.equals("basic")) {
            throw HarborException.badRequest("credential type '" + credentialType + "' is not supported: Berth logs in to registries "
                    + "with basic credentials (a user name and a password or token)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
