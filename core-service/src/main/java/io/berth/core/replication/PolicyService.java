package io.berth.core.replication;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.schedule.Cron;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replication policies as Harbor's create and update make them: the policy becomes what the request
 * says, whole. A field left out takes its default: booleans false, filters none, description empty,
 * no destination namespace, replace count -1, a manual trigger, speed 0 (unlimited). {@code deletion}
 * (what Harbor reads) and {@code replicate_deletion} (what it documents) are one setting: either true
 * turns it on. Every feature that needs a policy finds it here; changes are audited.
 */
@ApplicationScoped
public class PolicyService {
    static final Set<String> TRIGGERS = Set.of("manual", "scheduled", "event_based");
    static final Set<String> FILTERS = Set.of("name", "tag", "resource");
    static final Set<String> RESOURCES = Set.of("image", "artifact");

    private final RegistryEndpointService endpoints;
    private final AuditLog audit;
    private final CurrentCaller caller;

    PolicyService(RegistryEndpointService endpoints, AuditLog audit, CurrentCaller caller) {
        this.endpoints = endpoints;
        this.audit = audit;
        this.caller = caller;
    }

    /** The policy; 404 if there is none. */
    public ReplicationPolicy find(long id) {
        return HarborException.found(ReplicationPolicy.findById(id), "replication policy " + id);
    }

    /** Policies matching Harbor's {@code q} and, if given, whose name contains {@code name}, by name. */
    public Page<PolicyJson> list(String q, String name, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        return Page.of(ReplicationPolicy.<ReplicationPolicy>find(Query.byName(q, Map.of("name", "name"), name, params), params), paging,
                PolicyService::view);
    }

    @Transactional
    public ReplicationPolicy create(PolicyJson request) {
        if (request == null) {
            throw HarborException.badRequest("a policy is required");
        }
        ReplicationPolicy policy = new ReplicationPolicy();
        replace(policy, request);
        policy.creator = io.quarkus.arc.Arc.container().requestContext().isActive() ? caller.get().name() : "";
        policy.persist();
        audit.success(null, policy.name, "replication_policy", "create");
        return policy;
    }

    @Transactional
    public void update(long id, PolicyJson request) {
        ReplicationPolicy policy = find(id);
        if (request == null) {
            throw HarborException.badRequest("a policy is required");
        }
        replace(policy, request);
        audit.success(null, policy.name, "replication_policy", "update");
    }

    @Transactional
    public void delete(long id) {
        ReplicationPolicy policy = find(id);
        policy.delete();
        audit.success(null, policy.name, "replication_policy", "delete");
    }

    public static PolicyJson view(ReplicationPolicy p) {
        return new PolicyJson(p.id, p.name, p.description, ref(p.srcRegistryId), ref(p.destRegistryId), p.destNamespace,
                p.destNamespaceReplaceCount, new PolicyJson.Trigger(p.triggerType, new PolicyJson.TriggerSettings(p.cron)), p.filters,
                p.replicateDeletion, p.replicateDeletion, p.override, p.enabled, Math.max(0, p.speed), p.copyByChunk, p.creationTime,
                p.updateTime);
    }

    private static PolicyJson.RegistryRef ref(Long id) {
        if (id == null) {
            return new PolicyJson.RegistryRef(0L, "Local");
        }
        RemoteRegistry registry = RemoteRegistry.findById(id);
        return new PolicyJson.RegistryRef(id, registry == null ? null : registry.name);
    }

    /** Sets every field of {@code policy} from {@code request}; a name other than the policy's must be free. */
    private void replace(ReplicationPolicy policy, PolicyJson request) {
        if (request.name() == null || request.name().isBlank()) {
            throw HarborException.badRequest("name is required");
        }
        if (!request.name().equals(policy.name) && ReplicationPolicy.count("name", request.name()) > 0) {
            throw HarborException.conflict("a replication policy named " + request.name() + " already exists");
        }
        policy.name = request.name();
        policy.srcRegistryId = registryId(request.srcRegistry());
        policy.destRegistryId = registryId(request.destRegistry());
        if ((policy.srcRegistryId == null) == (policy.destRegistryId == null)) {
            throw HarborException.badRequest("a policy replicates from this Berth to a registry (dest_registry) "
                    + "or from a registry to this Berth (src_registry): exactly one of them must be set");
        }
        policy.description = request.description() == null ? "" : request.description();
        policy.destNamespace = request.destNamespace() == null || request.destNamespace().isBlank() ? null : request.destNamespace();
        int replaceCount = request.destNamespaceReplaceCount() == null ? -1 : request.destNamespaceReplaceCount();
        if (replaceCount < -1) {
            throw HarborException.badRequest("dest_namespace_replace_count must be -1 or more");
        }
        policy.destNamespaceReplaceCount = replaceCount;
        policy.filters = filters(policy, request.filters());
        trigger(policy, request.trigger());
        policy.replicateDeletion = Boolean.TRUE.equals(request.deletion()) || Boolean.TRUE.equals(request.replicateDeletion());
        policy.override = Boolean.TRUE.equals(request.override());
        policy.enabled = Boolean.TRUE.equals(request.enabled());
        policy.speed = request.speed() == null ? 0 : Math.max(0, request.speed()); // Harbor: a negative speed is unlimited, 0
        policy.copyByChunk = Boolean.TRUE.equals(request.copyByChunk());
    }

    private static List<ReplicationPolicy.Filter> filters(ReplicationPolicy policy, List<ReplicationPolicy.Filter> filters) {
        if (filters == null) {
            return new ArrayList<>();
        }
        for (ReplicationPolicy.Filter f : filters) {
            if (f == null) {
                throw HarborException.badRequest("a filter is an object {type, value, decoration}");
            }
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
        return new ArrayList<>(filters);
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

    /** A schedule given anew (or changed) fires from now on, not for the past; one kept as it was keeps its last firing. */
    private static void trigger(ReplicationPolicy policy, PolicyJson.Trigger trigger) {
        String type = trigger == null || trigger.type() == null ? "manual" : trigger.type();
        if (!TRIGGERS.contains(type)) {
            throw HarborException.badRequest("unsupported trigger '" + type + "'; supported: " + TRIGGERS);
        }
        String cron = trigger == null || trigger.triggerSettings() == null ? null : trigger.triggerSettings().cron();
        if (type.equals("scheduled")) {
            Cron.validate(cron, "a scheduled trigger (trigger_settings.cron)");
            if (!type.equals(policy.triggerType) || !Objects.equals(cron, policy.cron)) {
                policy.lastFired = OffsetDateTime.now(ZoneOffset.UTC);
            }
        }
        if (type.equals("event_based") && policy.srcRegistryId != null) {
            throw HarborException.badRequest("event_based triggers need this Berth as the source");
        }
        policy.triggerType = type;
        policy.cron = cron;
    }

    private Long registryId(PolicyJson.RegistryRef ref) {
        if (ref == null || ref.id() == null || ref.id() == 0) {
            return null;
        }
        return endpoints.find(ref.id()).id;
    }
}
