package io.berth.core.artifact;

import io.berth.core.api.HarborException;
import io.berth.core.label.LabelService;
import io.berth.core.rbac.Action;
import io.berth.core.views.RegistryViews.ArtifactRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Harbor's {@code …/artifacts/{reference}/labels}: attaching a global label, or one of the artifact's project, and taking it off. */
@Path("/api/v2.0/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/labels")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactLabelResource {
    /** Body of {@code POST}: the label, by id. */
    public record LabelRef(Long id) {}

    private final ArtifactService artifacts;
    private final LabelService labels;

    ArtifactLabelResource(ArtifactService artifacts, LabelService labels) {
        this.artifacts = artifacts;
        this.labels = labels;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("project_name") String project, @PathParam("repository_name") String repository,
            @PathParam("reference") String reference, LabelRef ref) {
        if (ref == null || ref.id() == null) {
            throw HarborException.badRequest("the label's id is required");
        }
        ArtifactRow artifact = artifacts.artifact(project, repository, reference, Action.LABEL_ARTIFACT);
        labels.attach(ref.id(), artifact.projectId(), artifact.repository(), artifact.digest());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{label_id}")
    public Response remove(@PathParam("project_name") String project, @PathParam("repository_name") String repository,
            @PathParam("reference") String reference, @PathParam("label_id") long labelId) {
        ArtifactRow artifact = artifacts.artifact(project, repository, reference, Action.LABEL_ARTIFACT);
        labels.detach(labelId, artifact.repository(), artifact.digest());
        return Response.ok().build();
    }
}
