package io.berth.core.quota;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Sorting;
import io.berth.core.views.RegistryViews;
import io.berth.core.views.RegistryViews.ProjectUsageRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Harbor's quotas, read side: each project's storage used (its blobs, each counted once) against its hard
 * limit. Berth enforces no storage quota yet, so every hard limit is -1 (unlimited), which is what the
 * projects API accepts as {@code storage_limit}; the usage is real, read from registry-service's views.
 */
@ApplicationScoped
public class QuotaService {
    /** Every hard limit is -1 for now, so an order by it is any order: the projects' own. */
    private static final Map<String, String> SORT = Map.of("used.storage", "used", "hard.storage", "p.id", "creation_time",
            "p.creation_time", "update_time", "p.update_time");

    /** Harbor's Quota: one per project. */
    public record Quota(long id, Ref ref, Map<String, Long> hard, Map<String, Long> used, OffsetDateTime creationTime,
            OffsetDateTime updateTime) {}

    /** The project a quota is of. */
    public record Ref(long id, String name, String ownerName) {}

    private final RegistryViews views;

    QuotaService(RegistryViews views) {
        this.views = views;
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

    private static long projectId(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw HarborException.badRequest("reference_id must be a project's id, not " + text);
        }
    }

    private static Quota quota(ProjectUsageRow row) {
        return new Quota(row.projectId(), new Ref(row.projectId(), row.project(), row.ownerName()), Map.of("storage", -1L),
                Map.of("storage", row.used()), row.creationTime(), row.updateTime());
    }
}
