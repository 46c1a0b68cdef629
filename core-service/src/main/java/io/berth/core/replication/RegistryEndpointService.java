package io.berth.core.replication;

import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.client.RegistryException;
import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.secret.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Registry endpoints: a request's fields applied over a registry (stored, or a copy to ping), names
 * unique, the secret sealed at rest and never returned, and the ping. Berth logs in to registries with
 * basic credentials and trusts the JVM's certificate authorities (or none, when insecure); other
 * credential types and a CA certificate are refused. There is no {@code status}: Berth does not check
 * the registries' health on its own, so it does not know it. Every feature that needs a registry finds it here.
 */
@ApplicationScoped
public class RegistryEndpointService {
    /** Harbor's adapter types whose registries speak plain OCI Distribution with basic or Docker token login. */
    static final Set<String> TYPES = Set.of("berth", "harbor", "docker-registry", "docker-hub", "quay", "github-ghcr", "gitlab",
            "jfrog-artifactory");
    static final String MASK = "*****";

    /** Whether a proxy-cache project may pull from an endpoint of this type: every type Berth takes speaks plain OCI. */
    public static boolean proxyable(String type) {
        return TYPES.contains(type);
    }

    /** Harbor's Registry as answered: the secret masked. */
    public record RegistryJson(Long id, String name, String type, String url, RegistryRequest.Credential credential, Boolean insecure,
            String description, OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    private final Secrets secrets;
    private final AuditLog audit;

    RegistryEndpointService(Secrets secrets, AuditLog audit) {
        this.secrets = secrets;
        this.audit = audit;
    }

    /** The registry; 404 if there is none. */
    public RemoteRegistry find(long id) {
        return HarborException.found(RemoteRegistry.findById(id), "registry " + id);
    }

    /** Registries matching Harbor's {@code q} and, if given, whose name contains {@code name}, by name. */
    public Page<RegistryJson> list(String q, String name, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String byName = Query.byName(q, Map.of("name", "name", "type", "type", "url", "url"), name, params);
        return Page.of(RemoteRegistry.<RemoteRegistry>find(byName, params), paging, RegistryEndpointService::view);
    }

    @Transactional
    public RemoteRegistry create(RegistryRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw HarborException.badRequest("name is required");
        }
        requireFreeName(request.name());
        RemoteRegistry registry = new RemoteRegistry();
        registry.name = request.name();
        apply(registry, request);
        registry.persist();
        audit.success(null, registry.name, "registry", "create");
        return registry;
    }

    /** Harbor's RegistryUpdate: the fields given (flat or nested credentials) change, the others stay. */
    @Transactional
    public void update(long id, RegistryRequest request) {
        RemoteRegistry registry = find(id);
        if (request == null) {
            throw HarborException.badRequest("a registry is required");
        }
        if (request.name() != null && !request.name().equals(registry.name)) {
            requireFreeName(request.name());
            registry.name = request.name();
        }
        apply(registry, request);
        audit.success(null, registry.name, "registry", "update");
    }

    /** Deletes a registry no policy uses (412 otherwise). */
    @Transactional
    public void delete(long id) {
        RemoteRegistry registry = find(id);
        if (ReplicationPolicy.count("srcRegistryId = ?1 or destRegistryId = ?1", id) > 0) {
            throw HarborException.preconditionFailed("the registry " + registry.name + " is used by replication policies; delete them first");
        }
        if (io.berth.core.project.Project.count("registryId", id) > 0) {
            throw HarborException.preconditionFailed("the registry " + registry.name + " is the upstream of proxy-cache projects; "
                    + "delete them first");
        }
        registry.delete();
        audit.success(null, registry.name, "registry", "delete");
    }

    public static RegistryJson view(RemoteRegistry r) {
        return new RegistryJson(r.id, r.name, r.type, r.url,
                new RegistryRequest.Credential("basic", r.accessKey, r.sealedSecret == null ? null : MASK),
                r.insecure, r.description, r.creationTime, r.updateTime);
    }

    private static void requireFreeName(String name) {
        if (RemoteRegistry.count("name", name) > 0) {
            throw HarborException.conflict("a registry named " + name + " already exists");
        }
    }

    /** Sets the fields {@code request} gives; the secret {@link #MASK} (as every answer shows it) keeps the stored one. */
    private void apply(RemoteRegistry registry, RegistryRequest request) {
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
    public void ping(RegistryRequest request) {
        RemoteRegistry target = request.id() == null ? new RemoteRegistry() : find(request.id()).copy();
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
