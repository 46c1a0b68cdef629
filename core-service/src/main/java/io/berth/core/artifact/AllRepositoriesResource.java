package io.berth.core.artifact;

import io.berth.core.api.Paging;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /api/v2.0/repositories}: the repositories of every project the caller may pull from. */
@Path("/api/v2.0/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class AllRepositoriesResource {
    private final ArtifactService artifacts;

    AllRepositoriesResource(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(artifacts.allRepositories(q, sort, paging), uri);
    }
}
