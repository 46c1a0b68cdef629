package io.berth.core.artifact;

import io.berth.core.api.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.api.Sorting;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import io.berth.core.registry.RegistryClient;
import io.berth.core.views.RegistryViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Repositories: a repository exists while it holds an artifact; deleting one deletes its artifacts
 * through registry-service, indexes before their children.
 */
@ApplicationScoped
public class RepositoryService {
    private static final Map<String, String> FIELDS = Map.of("name", "r.name");
    private static final Map<String, String> SORT = Map.of("name", "r.name", "creation_time", "r.creation_time",
            "update_time", "r.update_time", "pull_count", "r.pull_count", "artifact_count", "r.artifact_count");

    private final RegistryViews views;
    private final RegistryClient registry;
    private final ProjectAccess access;
    private final CurrentCaller current;

    RepositoryService(RegistryViews views, RegistryClient registry, ProjectAccess access, CurrentCaller current) {
        this.views = views;
        this.registry = registry;
        this.access = access;
        this.current = current;
    }

    /** The project's repositories matching Harbor's {@code q}, sorted, newest first by default. */
    public Page<RepositoryView> ofProject(Project project, String q, String sort, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params) + " and r.project = :project";
        params.put("project", project.name);
        return page(where, params, sort, paging);
    }

    /** The repositories of every project the caller may pull from. */
    public Page<RepositoryView> all(String q, String sort, Caller caller, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params);
        if (!caller.sysadmin()) {
            List<String> readable = access.projects(caller, Action.PULL).stream().map(p -> p.name).toList();
            where += " and r.project in (:readable)";
            params.put("readable", readable.isEmpty() ? List.of("") : readable);
        }
        return page(where, params, sort, paging);
    }

    /** Deletes every artifact of the repository, those no index lists first, until none is left. */
    public void delete(RegistryViews.RepositoryRow repository) {
        for (List<String> deletable = views.unreferencedDigests(repository.name()); !deletable.isEmpty();
                deletable = views.unreferencedDigests(repository.name())) {
            for (String digest : deletable) {
                try {
                    registry.delete(current.get(), repository.name(), digest);
                } catch (HarborException e) {
                    if (e.status() != 404) { // 404: deleted meanwhile by someone else, which is what we want
                        throw e;
                    }
                }
            }
        }
    }

    private Page<RepositoryView> page(String where, Map<String, Object> params, String sort, Paging paging) {
        String orderBy = Sorting.orderBy(sort, SORT, "r.creation_time desc, r.name");
        List<RepositoryView> repositories = views.repositories(where, params, orderBy, paging).stream().map(RepositoryView::of).toList();
        return new Page<>(repositories, views.countRepositories(where, params));
    }
}
