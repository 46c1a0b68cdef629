package io.berth.core.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.project.ProxyCacheProjectCreated;
import io.berth.core.rbac.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Harbor's tag retention policies: one per project, named by the project's {@code retention_id} metadata (set here
 * when the policy is created). Project administrators manage them, maintainers read them ({@link Action#MANAGE_RETENTION},
 * {@link Action#READ_RETENTION}); a policy of a project the caller may not see is a 404. Bodies are read by
 * {@link PolicyReader}; each change is audited, and the policy's schedule follows its trigger ({@link RetentionSchedule}).
 */
@ApplicationScoped
public class RetentionService {
    public static final String METADATA_KEY = "retention_id";

    private final ProjectAccess access;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final RetentionSchedule schedule;

    RetentionService(ProjectAccess access, AuditLog audit, ObjectMapper json, RetentionSchedule schedule) {
        this.access = access;
        this.audit = audit;
        this.json = json;
        this.schedule = schedule;
    }

    /** Creates the policy of the project its scope names; its id. 400 if the project has one already (as Harbor). */
    @Transactional
    public long create(JsonNode body) {
        PolicyReader.Checked checked = PolicyReader.read(body, json);
        if (Project.findById(checked.projectId()) == null) {
            throw HarborException.badRequest("invalid project id " + checked.projectId() + " in scope.ref: no such project");
        }
        Project project = access.visible(Long.toString(checked.projectId()), false, Action.MANAGE_RETENTION);
        RetentionPolicy existing = RetentionPolicy.ofProject(project.id);
        if (existing != null) {
            throw HarborException.badRequest("project " + project.name + " already has retention policy " + existing.id
                    + "; change it with PUT /api/v2.0/retentions/" + existing.id);
        }
        RetentionPolicy policy = new RetentionPolicy();
        policy.projectId = project.id;
        policy.rules = checked.rules();
        policy.cron = checked.cron();
        policy.persist();
        Project managed = Project.findById(project.id);
        managed.metadata.put(METADATA_KEY, Long.toString(policy.id));
        schedule.follow(policy);
        audit.success(project.name, "retention policy " + policy.id, "retention", "create");
        return policy.id;
    }

    /**
     * The policy Harbor gives a new proxy-cache project: every artifact not pulled within the last 7 days is removed, run
     * daily at midnight UTC. Its id.
     */
    @Transactional
    void onProxyCacheProjectCreated(@Observes ProxyCacheProjectCreated created) {
        createProxyCacheDefault(created.projectId());
    }

    /**
     * The policy Harbor gives a new proxy-cache project (see {@link #onProxyCacheProjectCreated}). Its id.
     */
    private long createProxyCacheDefault(long projectId) {
        String everyTag = "{\"kind\":\"doublestar\",\"decoration\":\"matches\",\"pattern\":\"**\",\"extras\":\"{\\\"untagged\\\":true}\"}";
        String everyRepository = "{\"kind\":\"doublestar\",\"decoration\":\"repoMatches\",\"pattern\":\"**\"}";
        try {
            return create(json.readTree("{\"algorithm\":\"or\",\"rules\":[{\"disabled\":false,\"action\":\"retain\","
                    + "\"template\":\"nDaysSinceLastPull\",\"params\":{\"nDaysSinceLastPull\":7},\"tag_selectors\":[" + everyTag + "],"
                    + "\"scope_selectors\":{\"repository\":[" + everyRepository + "]}}],"
                    + "\"trigger\":{\"kind\":\"Schedule\",\"settings\":{\"cron\":\"0 0 0 * * *\"}},"
                    + "\"scope\":{\"level\":\"project\",\"ref\":" + projectId + "}}"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the default retention policy of proxy-cache projects does not parse", e);
        }
    }

    /** The policy, if the caller may read its project's policies; 404 otherwise. */
    @Transactional
    public PolicyJson get(long id) {
        return PolicyJson.of(policy(id, Action.READ_RETENTION));
    }

    /** Replaces the policy's rules and trigger; its scope must stay its project. */
    @Transactional
    public void update(long id, JsonNode body) {
        RetentionPolicy policy = policy(id, Action.MANAGE_RETENTION);
        PolicyReader.Checked checked = PolicyReader.read(body, json);
        if (checked.projectId() != policy.projectId) {
            throw HarborException.badRequest("scope.ref must stay " + policy.projectId + ": a policy does not move to another project");
        }
        JsonNode givenId = body.get("id");
        if (givenId != null && !givenId.isNull() && givenId.asLong() != id) {
            throw HarborException.badRequest("id " + givenId + " is not the policy's id " + id);
        }
        policy.rules = checked.rules();
        policy.cron = checked.cron();
        schedule.follow(policy);
        audit.success(projectOf(policy).name, "retention policy " + id, "retention", "update");
    }

    /**
     * The policy with that id if the caller may do {@code action} in its project: 404 for no policy or a project the
     * caller may not see (401 when anonymous), 403 for a project they may see but not do that in.
     */
    RetentionPolicy policy(long id, Action action) {
        RetentionPolicy policy = RetentionPolicy.findById(id);
        if (policy == null) {
            throw HarborException.notFound("retention policy " + id + " not found");
        }
        try {
            access.visible(Long.toString(policy.projectId), false, action);
        } catch (HarborException e) {
            if (e.status() == 404) {
                throw HarborException.notFound("retention policy " + id + " not found");
            }
            throw e;
        }
        return policy;
    }

    Project projectOf(RetentionPolicy policy) {
        return Project.findById(policy.projectId);
    }
}
