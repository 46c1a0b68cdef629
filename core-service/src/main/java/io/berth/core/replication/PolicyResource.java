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
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v2.0/replication/policies}: Harbor's replication policies, for system administrators. */
@Path("/api/v2.0/replication/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
    static final Set<String> TRIGGERS = Set.of("manual", "scheduled", "event_based");
    static final Set<String> FILTERS = Set.of("name", "tag", "resource");
    static final Set<String> RESOURCES = Set.of("image", "artifact");

    public record RegistryRef(Long id, String name) {}

    public record TriggerSettings(String cron) {}

    public record Trigger(String type, TriggerSettings triggerSettings) {}

    /** Harbor's ReplicationPolicy; a null (or id 0) registry is this Berth. */
    public record PolicyJson(Long id, String name, String description, RegistryRef srcRegistry, RegistryRef destRegistry,
            String destNamespace, Integer destNamespaceReplaceCount, Trigger trigger, List<ReplicationPolicy.Filter> filters,
            Boolean replicateDeletion, Boolean override, Boolean enabled, Integer speed, Boolean copyByChunk,
            OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    private final CurrentCaller current;
    private final AuditLog audit;

    PolicyResource(CurrentCaller current, AuditLog audit) {
        this.current = current;
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
            params.put("fuzzy", "%" + name.toLowerCase() + "%");
        }
        var query = ReplicationPolicy.find(where + " order by name", params);
        List<PolicyJson> policies = query.page(paging.page() - 1, paging.pageSize()).<ReplicationPolicy>list().stream()
                .map(PolicyResource::view).toList();
        return paging.response(policies, query.count(), uri);
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
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw HarborException.badRequest("name is required");
        }
        if (ReplicationPolicy.count("name", request.name()) > 0) {
            throw HarborException.conflict("a replication policy named " + request.name() + " already exists");
        }
        ReplicationPolicy policy = new ReplicationPolicy();
        policy.name = request.name();
        apply(policy, request, true);
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
        if (request.name() != null && !request.name().equals(policy.name)) {
            if (ReplicationPolicy.count("name", request.name()) > 0) {
                throw HarborException.conflict("a replication policy named " + request.name() + " already exists");
            }
            policy.name = request.name();
        }
        apply(policy, request, false);
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

    /** Harbor's label filter: a list of label names; the source must have labels (this Berth, or a Berth or Harbor). */
    private static void checkLabelFilter(ReplicationPolicy policy, ReplicationPolicy.Filter filter) {
        if (!(filter.value() instanceof List<?> names) || names.isEmpty()
                || !names.stream().allMatch(n -> n instanceof String name && !name.isBlank())) {
            throw HarborException.badRequest("a label filter's value is a list of label names");
        }
        if (policy.srcRegistryId != null) {
            RemoteRegistry source = RemoteRegistry.findById(policy.srcRegistryId);
            if (source != null && !Set.of("berth", "harbor").contains(source.type)) {
                throw HarborException.badRequest("a " + source.type + " registry has no labels to filter on");
            }
        }
    }

    private static void apply(ReplicationPolicy policy, PolicyJson request, boolean creating) {
        if (creating || request.srcRegistry() != null || request.destRegistry() != null) {
            policy.srcRegistryId = registryId(request.srcRegistry());
            policy.destRegistryId = registryId(request.destRegistry());
            if ((policy.srcRegistryId == null) == (policy.destRegistryId == null)) {
                throw HarborException.badRequest("a policy replicates from this Berth to a registry (dest_registry) "
                        + "or from a registry to this Berth (src_registry): exactly one of them must be set");
            }
        }
        if (request.description() != null) {
            policy.description = request.description();
        }
        if (request.destNamespace() != null) {
            policy.destNamespace = request.destNamespace().isBlank() ? null : request.destNamespace();
        }
        if (request.destNamespaceReplaceCount() != null) {
            if (request.destNamespaceReplaceCount() < -1) {
                throw HarborException.badRequest("dest_namespace_replace_count must be -1 or more");
            }
            policy.destNamespaceReplaceCount = request.destNamespaceReplaceCount();
        }
        if (request.filters() != null) {
            for (ReplicationPolicy.Filter f : request.filters()) {
                if ("label".equals(f.type())) {
                    checkLabelFilter(policy, f);
                } else if (f.type() == null || !FILTERS.contains(f.type()) || !(f.value() instanceof String)) {
                    throw HarborException.badRequest("unsupported filter " + f + "; supported: name and tag with a glob value, "
                            + "resource with image or artifact, label with a list of label names");
                }
                if ("resource".equals(f.type()) && !RESOURCES.contains(f.value())) {
                    throw HarborException.badRequest("a resource filter is image or artifact, not " + f.value());
                }
                if (f.decoration() != null && !Set.of("matches", "excludes").contains(f.decoration())) {
                    throw HarborException.badRequest("filter decoration must be matches or excludes");
                }
            }
            policy.filters = request.filters();
        }
        if (request.trigger() != null) {
            String type = request.trigger().type() == null ? "manual" : request.trigger().type();
            if (!TRIGGERS.contains(type)) {
                throw HarborException.badRequest("unsupported trigger '" + type + "'; supported: " + TRIGGERS);
            }
            String cron = request.trigger().triggerSettings() == null ? null : request.trigger().triggerSettings().cron();
            if (type.equals("scheduled")) {
                Schedules.validate(cron);
                policy.lastFired = OffsetDateTime.now(ZoneOffset.UTC); // fire from now on, not for the past
            }
            if (type.equals("event_based") && policy.srcRegistryId != null) {
                throw HarborException.badRequest("event_based triggers need this Berth as the source");
            }
            policy.triggerType = type;
            policy.cron = cron;
        }
        if (request.replicateDeletion() != null) {
            policy.replicateDeletion = request.replicateDeletion();
        }
        if (request.override() != null) {
            policy.override = request.override();
        }
        if (request.enabled() != null) {
            policy.enabled = request.enabled();
        }
        if (request.speed() != null) {
            policy.speed = request.speed() <= 0 ? -1 : request.speed();
        }
        if (request.copyByChunk() != null) {
            policy.copyByChunk = request.copyByChunk();
        }
    }

    private static Long registryId(RegistryRef ref) {
        if (ref == null || ref.id() == null || ref.id() == 0) {
            return null;
        }
        return RegistryEndpointResource.find(ref.id()).id;
    }

    static PolicyJson view(ReplicationPolicy p) {
        return new PolicyJson(p.id, p.name, p.description, ref(p.srcRegistryId), ref(p.destRegistryId), p.destNamespace,
                p.destNamespaceReplaceCount, new Trigger(p.triggerType, new TriggerSettings(p.cron)), p.filters, p.replicateDeletion,
                p.override, p.enabled, p.speed, p.copyByChunk, p.creationTime, p.updateTime);
    }

    private static RegistryRef ref(Long id) {
        if (id == null) {
            return new RegistryRef(0L, "Local");
        }
        RemoteRegistry registry = RemoteRegistry.findById(id);
        return new RegistryRef(id, registry == null ? null : registry.name);
    }
}
