package io.berth.core.artifact;

import io.berth.core.api.Query;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v2.0/repositories}: the repositories of every project the caller may pull from. */
@Path("/api/v2.0/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class AllRepositoriesResource {
    private final RepositoryResource repositories;
    private final Permissions permissions;
    private final CurrentCaller current;

    AllRepositoriesResource(RepositoryResource repositories, Permissions permissions, CurrentCaller current) {
        this.repositories = repositories;
        this.permissions = permissions;
        this.current = current;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Caller caller = current.get();
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(RepositoryResource.FIELDS, params);
        if (!caller.sysadmin()) {
            List<String> readable = permissions.projects(caller, Action.PULL).stream().map(p -> p.name).toList();
            where += " and r.project in (:readable)";
            params.put("readable", readable.isEmpty() ? List.of("") : readable);
        }
        return repositories.page(where, params, sort, page, pageSize, uri);
    }
}
