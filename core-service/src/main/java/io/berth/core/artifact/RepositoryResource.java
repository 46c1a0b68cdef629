package io.berth.core.artifact;

import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.api.Sorting;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectResource;
import io.berth.core.rbac.Action;
import io.berth.core.registry.RegistryClient;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Harbor's repository API over registry-service's views. A repository exists while it holds an
 * artifact; deleting one deletes its artifacts through registry-service, indexes before their children.
 */
@Path("/api/v2.0/projects/{project_name}/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryResource {
    static final Map<String, String> FIELDS = Map.of("name", "r.name");
    private static final Map<String, String> SORT = Map.of("name", "r.name", "creation_time", "r.creation_time",
            "update_time", "r.update_time", "pull_count", "r.pull_count", "artifact_count", "r.artifact_count");

    private final RegistryViews views;
    private final RegistryClient registry;
    private final ProjectResource projects;
    private final CurrentCaller current;

    RepositoryResource(RegistryViews views, RegistryClient registry, ProjectResource projects, CurrentCaller current) {
        this.views = views;
        this.registry = registry;
        this.projects = projects;
        this.current = current;
    }

    @GET
    public Response ofProject(@PathParam("project_name") String projectName, @QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = projects.visible(projectName, true, Action.PULL);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params) + " and r.project = :project";
        params.put("project", project.name);
        return page(where, params, sort, page, pageSize, uri);
    }

    @GET
    @Path("/{repository_name}")
    public RepositoryView get(@PathParam("project_name") String projectName, @PathParam("repository_name") String repositoryName) {
        return RepositoryView.of(find(projectName, repositoryName, Action.PULL));
    }

    @DELETE
    @Path("/{repository_name}")
    public Response delete(@PathParam("project_name") String projectName, @PathParam("repository_name") String repositoryName) {
        RegistryViews.RepositoryRow repository = find(projectName, repositoryName, Action.DELETE_ARTIFACT);
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
        return Response.ok().build();
    }

    /** The repository {@code repositoryName} (Harbor's form: without the project, slashes URL-encoded twice) of a project. */
    RegistryViews.RepositoryRow find(String projectName, String repositoryName, Action action) {
        Project project = projects.visible(projectName, true, action);
        String name = project.name + "/" + URLDecoder.decode(repositoryName, StandardCharsets.UTF_8);
        RegistryViews.RepositoryRow repository = views.repository(name);
        if (repository == null) {
            throw HarborException.notFound("repository " + name + " not found");
        }
        return repository;
    }

    Response page(String where, Map<String, Object> params, String sort, Integer page, Integer pageSize, UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        String orderBy = Sorting.orderBy(sort, SORT, "r.creation_time desc, r.name");
        List<RepositoryView> repositories = views.repositories(where, params, orderBy, paging).stream().map(RepositoryView::of).toList();
        return paging.response(repositories, views.countRepositories(where, params), uri);
    }
}
