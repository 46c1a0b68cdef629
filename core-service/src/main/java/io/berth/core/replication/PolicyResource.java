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
 * {@code /api/v2.0/replication/policies}: Harbor's replication policies, for system administrators.
 * POST and PUT make the policy what the body says, whole (see {@link ReplicationPolicies}).
 */
@Path("/api/v2.0/replication/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
    public record RegistryRef(Long id, String name) {}

    public record TriggerSettings(String cron) {}

    public record Trigger(String type, TriggerSettings triggerSettings) {}

    /**
     * Harbor's ReplicationPolicy; a null (or id 0) registry is this Berth. {@code deletion} and
     * {@code replicate_deletion} are the same setting, both written; {@code speed} 0 is unlimited.
     */
    public record PolicyJson(Long id, String name, String description, RegistryRef srcRegistry, RegistryRef destRegistry,
            String destNamespace, Integer destNamespaceReplaceCount, Trigger trigger, List<ReplicationPolicy.Filter> filters,
            Boolean deletion, Boolean replicateDeletion, Boolean override, Boolean enabled, Integer speed, Boolean copyByChunk,
            OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    private final CurrentCaller current;
    private final ReplicationPolicies policies;
    private final AuditLog audit;

    PolicyResource(CurrentCaller current, ReplicationPolicies policies, AuditLog audit) {
        this.current = current;
        this.policies = policies;
        this.audit = audit;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("name") String name, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        current.sysadmin();
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(Map.of("name", "name"), params);
        if (name != null) {
            where += " and lower(name) like :fuzzy";
            params.put("fuzzy", "%" + name.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        var query = ReplicationPolicy.find(where + " order by name", params);
        List<PolicyJson> found = query.page(paging.page() - 1, paging.pageSize()).<ReplicationPolicy>list().stream()
                .map(PolicyResource::view).toList();
        return paging.response(found, query.count(), uri);
    }

    @GET
    @Path("/{id}")
    public PolicyJson get(@PathParam("id") long id) {
        current.sysadmin();
        return view(find(id));
    }

    @POST
    @Transactional
    public Response create(PolicyJson request) {
        current.sysadmin();
        if (request == null) {
            throw HarborException.badRequest("a policy is required");
        }
        ReplicationPolicy policy = new ReplicationPolicy();
        policies.replace(policy, request);
        policy.persist();
        audit.record(current.get().name(), null, policy.name, "replication_policy", "create", "success", current.clientAddress());
        return Response.status(201).header("Location", "/api/v2.0/replication/policies/" + policy.id).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public Response update(@PathParam("id") long id, PolicyJson request) {
        current.sysadmin();
        ReplicationPolicy policy = find(id);
        if (request == null) {
            throw HarborException.badRequest("a policy is required");
        }
        policies.replace(policy, request);
        audit.record(current.get().name(), null, policy.name, "replication_policy", "update", "success", current.clientAddress());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        current.sysadmin();
        ReplicationPolicy policy = find(id);
        policy.delete();
        audit.record(current.get().name(), null, policy.name, "replication_policy", "delete", "success", current.clientAddress());
        return Response.ok().build();
    }

    static ReplicationPolicy find(long id) {
        ReplicationPolicy policy = ReplicationPolicy.findById(id);
        if (policy == null) {
            throw HarborException.notFound("replication policy " + id + " not found");
        }
        return policy;
    }

    static PolicyJson view(ReplicationPolicy p) {
        return new PolicyJson(p.id, p.name, p.description, ref(p.srcRegistryId), ref(p.destRegistryId), p.destNamespace,
                p.destNamespaceReplaceCount, new Trigger(p.triggerType, new TriggerSettings(p.cron)), p.filters, p.replicateDeletion,
                p.replicateDeletion, p.override, p.enabled, Math.max(0, p.speed), p.copyByChunk, p.creationTime, p.updateTime);
    }

    private static RegistryRef ref(Long id) {
        if (id == null) {
            return new RegistryRef(0L, "Local");
        }
        RemoteRegistry registry = RemoteRegistry.findById(id);
        return new RegistryRef(id, registry == null ? null : registry.name);
    }
}
