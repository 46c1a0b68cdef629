package io.berth.core.quota;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.config.CoreConfig;
import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Sorting;
import io.berth.core.audit.AuditLog;
import io.berth.core.views.RegistryViews;
import io.berth.core.views.RegistryViews.ProjectUsageRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Harbor's quotas: each project's storage hard limit (bytes, -1 unlimited; db/core V10) and what it uses, read from
 * registry-service's usage view (each blob once per project, plus its manifests' bytes). The limit is set when the
 * project is created ({@code storage_limit}, else {@code core.storage_per_project}) and changed by a system
 * administrator ({@code PUT /quotas/{id}}); registry-service enforces it on {@code /v2/} (docs/quotas.md).
 */
@ApplicationScoped
public class QuotaService {
    private static final Map<String, String> SORT = Map.of("used.storage", "used", "hard.storage", "hard", "creation_time",
            "p.creation_time", "update_time", "p.update_time");

    /** Harbor's Quota: one per project. */
    public record Quota(long id, Ref ref, Map<String, Long> hard, Map<String, Long> used, OffsetDateTime creationTime,
            OffsetDateTime updateTime) {}

    /** The project a quota is of. */
    public record Ref(long id, String name, String ownerName) {}

    private final RegistryViews views;
    private final AuditLog audit;
    private final long storagePerProject;

    QuotaService(RegistryViews views, AuditLog audit, CoreConfig config) {
        this.views = views;
        this.audit = audit;
        this.storagePerProject = config.storagePerProject();
        if (storagePerProject < -1) {
            throw new IllegalStateException("core.storage_per_project is " + storagePerProject + ": a number of bytes, or -1 (unlimited)");
        }
    }

    /** Quotas of every project, or of one ({@code reference=project} with {@code reference_id}); sorted as Harbor's keys say. */
    public Page<Quota> list(String reference, String referenceId, String sort, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = "true";
        if (reference != null && !reference.equals("project")) {
            throw HarborException.badRequest("reference " + reference + ": quotas are of projects only (reference=project)");
        }
        if (referenceId != null && !referenceId.isBlank()) {
            params.put("id", projectId(referenceId));
            where = "p.id = :id";
        }
        List<Quota> items = views.projectUsage(where, params, Sorting.orderBy(sort, SORT, "p.id") + ", p.id", paging).stream()
                .map(QuotaService::quota).toList();
        return new Page<>(items, views.countProjects(where, params));
    }

    /** The quota of the project with this id (Harbor numbers a quota as its project). */
    public Quota get(long id) {
        return views.projectUsage("p.id = :id", Map.of("id", id), "p.id", null).stream().findFirst().map(QuotaService::quota)
                .orElseThrow(() -> HarborException.notFound("quota " + id));
    }

    /**
     * Harbor's {@code PUT /quotas/{id}} ({@code {"hard": {"storage": N}}}): the project's new storage hard limit. A limit
     * below what the project uses already is accepted, as in Harbor: pushes that add bytes are refused until it is under.
     */
    @Transactional
    public Quota update(long id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw HarborException.badRequest("the body must be {\"hard\": {\"storage\": <bytes, or -1 for unlimited>}}");
        }
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!field.equals("hard")) {
                throw HarborException.badRequest("unknown field " + field + ": a quota update has only hard");
            }
        }
        JsonNode hard = body.get("hard");
        if (hard == null || hard.isNull() || !hard.isObject()) {
            throw HarborException.badRequest("hard is required: {\"hard\": {\"storage\": <bytes, or -1 for unlimited>}}");
        }
        for (Iterator<String> resources = hard.fieldNames(); resources.hasNext();) {
            String resource = resources.next();
            if (!resource.equals("storage")) {
                throw HarborException.badRequest("hard." + resource + ": Berth's quotas limit storage only");
            }
        }
        if (!hard.has("storage")) {
            throw HarborException.badRequest("hard.storage is required (bytes, or -1 for unlimited)");
        }
        long storage = storageLimit("hard.storage", hard.get("storage"));
        ProjectQuota quota = ProjectQuota.findById(id);
        if (quota == null) {
            // a project without a quota row (none is created outside the API; kept safe anyway) gets one
            get(id); // 404 when there is no such project (quotas are read from the projects' usage rows)
            quota = new ProjectQuota();
            quota.projectId = id;
            quota.persist();
        }
        quota.hardStorage = storage;
        ProjectQuota.flush();
        Quota updated = get(id);
        audit.success(updated.ref().name(), updated.ref().name(), "quota", "update");
        return updated;
    }

    /** Creates the quota of a new project: {@code storageLimit} if given (validated by {@link #storageLimit}), else the default. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void create(long projectId, Long storageLimit) {
        ProjectQuota quota = new ProjectQuota();
        quota.projectId = projectId;
        quota.hardStorage = storageLimit == null ? storagePerProject : storageLimit;
        quota.persist();
    }

    /** The project's storage hard limit; -1 (unlimited) for a project without a quota row. */
    public long hardOf(long projectId) {
        ProjectQuota quota = ProjectQuota.findById(projectId);
        return quota == null ? -1 : quota.hardStorage;
    }

    /** The limit a new project gets when its creator asks for none ({@code core.storage_per_project}). */
    public long defaultLimit() {
        return storagePerProject;
    }

    /** A storage limit as the API gives it: an integer number of bytes, or -1; 400 (naming {@code field}) otherwise. */
    public static long storageLimit(String field, JsonNode value) {
        if (value == null || value.isNull() || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw HarborException.badRequest(field + " must be an integer number of bytes, or -1 for unlimited, not "
                    + (value == null ? "missing" : value.toString()));
        }
        long limit = value.asLong();
        if (limit < -1) {
            throw HarborException.badRequest(field + " is " + limit + ": a quota is a number of bytes (0 or more), or -1 for unlimited");
        }
        return limit;
    }

    private static long projectId(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw HarborException.badRequest("reference_id must be a project's id, not " + text);
        }
    }

    private static Quota quota(ProjectUsageRow row) {
        return new Quota(row.projectId(), new Ref(row.projectId(), row.project(), row.ownerName()), Map.of("storage", row.hard()),
                Map.of("storage", row.used()), row.creationTime(), row.updateTime());
    }
}
