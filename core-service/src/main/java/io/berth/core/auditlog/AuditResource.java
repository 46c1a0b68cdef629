package io.berth.core.auditlog;

import io.berth.core.api.Paging;
import io.berth.core.identity.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v2.0/audit-logs}: what the caller may read of the audit log, newest first, paged, filtered by {@code q}. */
@Path("/api/v2.0/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final CurrentCaller current;
    private final AuditLogService logs;

    AuditResource(CurrentCaller current, AuditLogService logs) {
        this.current = current;
        this.logs = logs;
    }

    @GET
    public Response all(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        var caller = current.authenticated();
        Paging paging = Paging.of(page, pageSize);
        return paging.response(logs.all(q, caller, paging), uri);
    }
}
