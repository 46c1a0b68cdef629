package io.berth.core.system;

import io.berth.common.error.HarborException;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.ProjectService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v2.0/search?q=}: projects and repositories the caller may see whose names contain the term, at most 100 of each. */
@Path("/api/v2.0/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
    private final CurrentCaller current;
    private final ProjectService projects;

    SearchResource(CurrentCaller current, ProjectService projects) {
        this.current = current;
        this.projects = projects;
    }

    @GET
    public ProjectService.SearchResult search(@QueryParam("q") String q) {
        if (q == null || q.isBlank()) {
            throw HarborException.badRequest("q, the search term, is required");
        }
        return projects.search(q.trim().toLowerCase(), current.get());
    }
}
