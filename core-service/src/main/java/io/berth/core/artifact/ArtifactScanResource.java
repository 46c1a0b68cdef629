package io.berth.core.artifact;

import io.berth.core.scan.ScanService;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import io.berth.core.views.RegistryViews.ArtifactRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Harbor's scan of an artifact: {@code POST …/scan} (body optional, {@code {"scan_type": "vulnerability"|"sbom"}}; 202),
 * {@code POST …/scan/stop} and {@code GET …/scan/{report_id}/log} (text). Developers and above scan and stop; whoever may
 * pull reads logs ({@link ScanService}).
 */
@Path("/api/v2.0/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class ArtifactScanResource {
    /** Harbor's ScanType body. */
    public record ScanType(String scanType) {}

    private final ArtifactService artifacts;
    private final ProjectAccess access;
    private final ScanService scans;

    ArtifactScanResource(ArtifactService artifacts, ProjectAccess access, ScanService scans) {
        this.artifacts = artifacts;
        this.access = access;
        this.scans = scans;
    }

    @POST
    public Response scan(@PathParam("project_name") String project, @PathParam("repository_name") String repository,
            @PathParam("reference") String reference, ScanType body) {
        String scanType = ScanService.scanType(body == null ? null : body.scanType());
        ArtifactRow artifact = artifacts.artifact(project, repository, reference, Action.SCAN);
        String tag = reference.startsWith("sha256:") ? null : reference;
        scans.scan(access.visible(project, true, Action.SCAN), artifact, tag, scanType, "MANUAL", null);
        return Response.accepted().build();
    }

    @POST
    @Path("/stop")
    public Response stop(@PathParam("project_name") String project, @PathParam("repository_name") String repository,
            @PathParam("reference") String reference) {
        scans.stop(artifacts.artifact(project, repository, reference, Action.SCAN));
        return Response.accepted().build();
    }

    @GET
    @Path("/{report_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("project_name") String project, @PathParam("repository_name") String repository,
            @PathParam("reference") String reference, @PathParam("report_id") String reportId) {
        return scans.log(artifacts.artifact(project, repository, reference, Action.PULL), reportId);
    }
}
