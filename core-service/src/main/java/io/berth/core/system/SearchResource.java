package io.berth.core.system;

import io.berth.core.api.HarborException;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.project.ProjectService;
import io.berth.core.project.ProjectView;
import io.berth.core.rbac.Action;
import io.berth.core.views.RegistryViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /api/v2.0/search?q=}: projects and repositories the caller may see whose names contain the term, at most 100 of each. */
@Path("/api/v2.0/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
    static final int LIMIT = 100;

    /** Harbor's SearchRepository. */
    public record RepositoryHit(long projectId, String projectName, boolean projectPublic, String repositoryName, long pullCount,
            long artifactCount) {}

    public record Result(List<ProjectView> project, List<RepositoryHit> repository) {}

    private final CurrentCaller current;
    private final ProjectAccess access;
    private final ProjectService projects;
    private final RegistryViews registry;

    SearchResource(CurrentCaller current, ProjectAccess access, ProjectService projects, RegistryViews registry) {
        this.current = current;
        this.access = access;
        this.projects = projects;
        this.registry = registry;
    }

    @GET
    public Result search(@QueryParam("q") String q) {
        if (q == null || q.isBlank()) {
            throw HarborException.badRequest("q, the search term, is required");
        }
        String term = q.trim().toLowerCase();
        Caller caller = current.get();
        Map<String, Project> visible = new java.util.HashMap<>();
        access.projects(caller, Action.PULL).forEach(p -> visible.put(p.name, p));
        List<ProjectView> projectHits = visible.values().stream().filter(p -> p.name.contains(term))
                .sorted(java.util.Comparator.comparing((Project p) -> p.name)).limit(LIMIT).map(p -> projects.view(p, caller)).toList();
        List<RepositoryHit> repositoryHits = visible.isEmpty() ? List.of() : registry.search(visible.keySet(), term, LIMIT).stream()
                .map(r -> {
                    Project p = visible.get(r.project());
                    return new RepositoryHit(p.id, p.name, p.isPublic(), r.name(), r.pullCount(), r.artifactCount());
                }).toList();
        return new Result(projectHits, repositoryHits);
    }
}
