package io.berth.core.artifact;

import io.berth.core.api.Paging;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
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

/** Harbor's repository API over registry-service's views (see {@link ArtifactService}). */
@Path("/api/v2.0/projects/{project_name}/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryResource {
    private final ArtifactService artifacts;
    private final ProjectAccess access;

    RepositoryResource(ArtifactService artifacts, ProjectAccess access) {
        this.artifacts = artifacts;
        this.access = access;
    }

    @GET
    public Response ofProject(@PathParam("project_name") String projectName, @QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        var project = access.visible(projectName, true, Action.PULL);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(artifacts.repositories(project, q, sort, paging), uri);
    }

    @GET
    @Path("/{repository_name}")
    public RepositoryView get(@PathParam("project_name") String projectName, @PathParam("repository_name") String repositoryName) {
        return RepositoryView.of(artifacts.repository(projectName, repositoryName, Action.PULL));
    }

    @DELETE
    @Path("/{repository_name}")
    public Response delete(@PathParam("project_name") String projectName, @PathParam("repository_name") String repositoryName) {
        artifacts.deleteRepository(artifacts.repository(projectName, repositoryName, Action.DELETE_ARTIFACT));
        return Response.ok().build();
    }
}
