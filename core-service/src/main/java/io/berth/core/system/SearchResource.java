package io.berth.core.system;

import io.berth.core.api.HarborException;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectResource;
import io.berth.core.project.ProjectView;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
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
    private final Permissions permissions;
    private final ProjectResource projects;
    private final EntityManager em;

    SearchResource(CurrentCaller current, Permissions permissions, ProjectResource projects, EntityManager em) {
        this.current = current;
        this.permissions = permissions;
        this.projects = projects;
        this.em = em;
    }

    @GET
    @SuppressWarnings("unchecked")
    public Result search(@QueryParam("q") String q) {
        if (q == null || q.isBlank()) {
            throw HarborException.badRequest("q, the search term, is required");
        }
        String term = q.trim().toLowerCase();
        Caller caller = current.get();
        Map<String, Project> visible = new java.util.HashMap<>();
        permissions.projects(caller, Action.PULL).forEach(p -> visible.put(p.name, p));
        List<ProjectView> projectHits = visible.values().stream().filter(p -> p.name.contains(term))
                .sorted(java.util.Comparator.comparing((Project p) -> p.name)).limit(LIMIT).map(p -> projects.view(p, caller)).toList();
        List<RepositoryHit> repositoryHits = visible.isEmpty() ? List.of()
                : ((List<Tuple>) em.createNativeQuery("SELECT name, project, pull_count, artifact_count FROM registry.repository_view "
                        + "WHERE project IN (:projects) AND strpos(lower(name), :term) > 0 ORDER BY name", Tuple.class)
                        .setParameter("projects", visible.keySet()).setParameter("term", term).setMaxResults(LIMIT).getResultList())
                        .stream().map(t -> {
                            Project p = visible.get((String) t.get("project"));
                            return new RepositoryHit(p.id, p.name, p.isPublic(), (String) t.get("name"),
                                    ((Number) t.get("pull_count")).longValue(), ((Number) t.get("artifact_count")).longValue());
                        }).toList();
        return new Result(projectHits, repositoryHits);
    }
}
