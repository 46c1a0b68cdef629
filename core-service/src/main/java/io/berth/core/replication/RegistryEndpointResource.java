package io.berth.core.replication;

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
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v2.0/registries}: Harbor's registry endpoints, for system administrators. The secret
 * is sealed at rest and never returned; {@code /registries/ping} checks URL and credentials. There is
 * no {@code status}: Berth does not check the registries' health on its own, so it does not know it.
 */
@Path("/api/v2.0/registries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistryEndpointResource {

    /** Harbor's Registry as answered: the secret masked. */
    public record RegistryJson(Long id, String name, String type, String url, RegistryRequest.Credential credential, Boolean insecure,
            String description, OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    private final CurrentCaller current;
    private final RegistryEndpoints endpoints;
    private final AuditLog audit;

    RegistryEndpointResource(CurrentCaller current, RegistryEndpoints endpoints, AuditLog audit) {
        this.current = current;
        this.endpoints = endpoints;
        this.audit = audit;
    }

    /** {@code name} is Harbor's deprecated fuzzy filter, still what Terraform's data source sends. */
    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("name") String name, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        current.sysadmin();
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(Map.of("name", "name", "type", "type", "url", "url"), params);
        if (name != null && !name.isEmpty()) {
            where += " and lower(name) like :fuzzy";
            params.put("fuzzy", "%" + name.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        var query = RemoteRegistry.find(where + " order by name", params);
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
    public Response create(RegistryRequest request) {
        current.sysadmin();
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw HarborException.badRequest("name is required");
        }
        if (RemoteRegistry.count("name", request.name()) > 0) {
            throw HarborException.conflict("a registry named " + request.name() + " already exists");
        }
        RemoteRegistry registry = new RemoteRegistry();
        registry.name = request.name();
        endpoints.apply(registry, request);
        registry.persist();
        audit.record(current.get().name(), null, registry.name, "registry", "create", "success", current.clientAddress());
        return Response.status(201).header("Location", "/api/v2.0/registries/" + registry.id).build();
    }

    /** Harbor's RegistryUpdate: the fields given (flat or nested credentials) change, the others stay. */
    @PUT
    @Path("/{id}")
    @Transactional
    public Response update(@PathParam("id") long id, RegistryRequest request) {
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
        endpoints.apply(registry, request);
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

    /** Harbor's RegistryPing: a stored registry ({@code id}) with the fields given tried over it, or one given in full. */
    @POST
    @Path("/ping")
    public Response ping(RegistryRequest request) {
        current.sysadmin();
        if (request == null) {
            throw HarborException.badRequest("a registry or its id is required");
        }
        endpoints.ping(request);
        return Response.ok().build();
    }

    static RemoteRegistry find(long id) {
        RemoteRegistry registry = RemoteRegistry.findById(id);
        if (registry == null) {
            throw HarborException.notFound("registry " + id + " not found");
        }
        return registry;
    }

    private static RegistryJson view(RemoteRegistry r) {
        return new RegistryJson(r.id, r.name, r.type, r.url,
                new RegistryRequest.Credential("basic", r.accessKey, r.sealedSecret == null ? null : RegistryEndpoints.MASK),
                r.insecure, r.description, r.creationTime, r.updateTime);
    }
}
