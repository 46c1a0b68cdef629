package io.berth.core.scanner;

import io.berth.common.error.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v2.0/projects/{project_name_or_id}/scanner}: the registration a project scans with (every member reads it,
 * with the adapter's health), which project administrators set, choosing among the enabled ones ({@code candidates}).
 */
@Path("/api/v2.0/projects/{project}/scanner")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectScannerResource {
    /** Body of {@code PUT}: Harbor's ProjectScanner. */
    public record Choice(String uuid) {}

    private final ProjectAccess access;
    private final ScannerService scanners;

    ProjectScannerResource(ProjectAccess access, ScannerService scanners) {
        this.access = access;
        this.scanners = scanners;
    }

    @GET
    public ScannerJson get(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        Project project = access.visible(reference, isName, Action.READ_SCANNER);
        ScannerRegistration registration = scanners.ofProject(project);
        if (registration == null) {
            throw HarborException.notFound("no scanner: project " + project.name + " chose none and there is no default scanner registration");
        }
        return scanners.withHealth(registration);
    }

    @PUT
    public Response set(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName, Choice choice) {
        Project project = access.visible(reference, isName, Action.MANAGE_SCANNER);
        scanners.setForProject(project, choice == null ? null : choice.uuid());
        return Response.ok().build();
    }

    @GET
    @Path("/candidates")
    public Response candidates(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        access.visible(reference, isName, Action.MANAGE_SCANNER);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(scanners.list(q, paging, true), uri);
    }
}
