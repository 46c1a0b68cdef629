package io.berth.core.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.client.RegistryException;
import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.CurrentCaller;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2.0/registries}: Harbor's registry endpoints, for system administrators. The secret
 * is sealed at rest and never returned; {@code /registries/ping} checks URL and credentials.
 */
@Path("/api/v2.0/registries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistryEndpointResource {
    static final Set<String> TYPES = Set.of("berth", "harbor", "docker-registry");
    static final String MASK = "*****";

    public record Credential(String type, String accessKey, String accessSecret) {}

    /** Harbor's Registry, in and out (out: the secret masked). */
    public record RegistryJson(Long id, String name, String type, String url, Credential credential, Boolean insecure,
            String description, String status, OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    private final CurrentCaller current;
    private final Secrets secrets;
    private final AuditLog audit;
    private final ObjectMapper json;

    RegistryEndpointResource(CurrentCaller current, Secrets secrets, AuditLog audit, ObjectMapper json) {
        this.current = current;
        this.secrets = secrets;
        this.audit = audit;
        this.json = json;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        current.sysadmin();
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        var query = RemoteRegistry.find(Query.parse(q).where(Map.of("name", "name", "type", "type", "url", "url"), params) + " order by name",
                params);
        List<RegistryJson> registries = query.page(paging.page() - 1, paging.pageSize()).<RemoteRegistry>list().stream()
                .map(RegistryEndpointResource::view).toList();
        return paging.response(registries, query.count(), uri);
    }

    @GET
    @Path("/{id}")
    public RegistryJson get(@PathParam("id") long id) {
        current.sysadmin();
        return view(find(id));
    }

    @POST
    @Transactional
    public Response create(RegistryJson request) {
        current.sysadmin();
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw HarborException.badRequest("name is required");
        }
        if (RemoteRegistry.count("name", request.name()) > 0) {
            throw HarborException.conflict("a registry named " + request.name() + " already exists");
        }
        RemoteRegistry registry = new RemoteRegistry();
        registry.name = request.name();
        apply(registry, request);
        registry.persist();
        audit.record(current.get().name(), null, registry.name, "registry", "create", "success", current.clientAddress());
        return Response.status(201).header("Location", "/api/v2.0/registries/" + registry.id).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public Response update(@PathParam("id") long id, RegistryJson request) {
        current.sysadmin();
        RemoteRegistry registry = find(id);
        if (request == null) {
            throw HarborException.badRequest("a registry is required");
        }
        if (request.name() != null && !request.name().equals(registry.name)) {
            if (RemoteRegistry.count("name", request.name()) > 0) {
                throw HarborException.conflict("a registry named " + request.name() + " already exists");
            }
            registry.name = request.name();
        }
        apply(registry, request);
        audit.record(current.get().name(), null, registry.name, "registry", "update", "success", current.clientAddress());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        current.sysadmin();
        RemoteRegistry registry = find(id);
        if (ReplicationPolicy.count("srcRegistryId = ?1 or destRegistryId = ?1", id) > 0) {
            throw HarborException.preconditionFailed("the registry " + registry.name + " is used by replication policies; delete them first");
        }
        registry.delete();
        audit.record(current.get().name(), null, registry.name, "registry", "delete", "success", current.clientAddress());
        return Response.ok().build();
    }

    /** Checks a registry, stored ({@code id}) or given in full: it must answer the OCI API and accept the credentials. */
    @POST
    @Path("/ping")
    public Response ping(Map<String, Object> request) {
        current.sysadmin();
        if (request == null) {
            throw HarborException.badRequest("a registry or its id is required");
        }
        OciClient client;
        if (request.get("id") instanceof Number id) {
            client = client(find(id.longValue()));
        } else {
            RemoteRegistry transientRegistry = new RemoteRegistry();
            apply(transientRegistry, json.convertValue(request, RegistryJson.class));
            client = client(transientRegistry);
        }
        try {
            client.ping();
        } catch (RegistryException e) {
            throw HarborException.badRequest("the registry does not answer as expected: " + e.getMessage());
        }
        return Response.ok().build();
    }

    OciClient client(RemoteRegistry registry) {
        return new OciClient(new RegistryEndpoint(URI.create(registry.url), registry.accessKey, secrets.open(registry.sealedSecret),
                registry.insecure), java.time.Duration.ofMillis(200));
    }

    private void apply(RemoteRegistry registry, RegistryJson request) {
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
        if (request.credential() != null) {
            registry.accessKey = blankToNull(request.credential().accessKey());
            if (request.credential().accessSecret() != null && !request.credential().accessSecret().equals(MASK)) {
                registry.sealedSecret = secrets.seal(blankToNull(request.credential().accessSecret()));
            }
        }
        if (request.insecure() != null) {
            registry.insecure = request.insecure();
        }
        if (request.description() != null) {
            registry.description = request.description();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static RemoteRegistry find(long id) {
        RemoteRegistry registry = RemoteRegistry.findById(id);
        if (registry == null) {
            throw HarborException.notFound("registry " + id + " not found");
        }
        return registry;
    }

    private static RegistryJson view(RemoteRegistry r) {
        return new RegistryJson(r.id, r.name, r.type, r.url, new Credential("basic", r.accessKey, r.sealedSecret == null ? null : MASK),
                r.insecure, r.description, null, r.creationTime, r.updateTime);
    }
}
