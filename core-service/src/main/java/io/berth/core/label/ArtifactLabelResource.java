package io.berth.core.label;

import io.berth.core.api.HarborException;
import io.berth.core.artifact.ArtifactResource;
import io.berth.core.artifact.RegistryViews;
import io.berth.core.rbac.Action;
import jakarta.transaction.Transactional;
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

    private final ArtifactResource artifacts;
    private final LabelResource labels;
    private final ArtifactLabels artifactLabels;

    ArtifactLabelResource(ArtifactResource artifacts, LabelResource labels, ArtifactLabels artifactLabels) {
        this.artifacts = artifacts;
        this.labels = labels;
        this.artifactLabels = artifactLabels;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response add(@PathParam("project_name") String project, @PathParam("repository_name") String repository,
            @PathParam("reference") String reference, LabelRef ref) {
        if (ref == null || ref.id() == null) {
            throw HarborException.badRequest("the label's id is required");
        }
        RegistryViews.ArtifactRow artifact = artifacts.find(project, repository, reference, Action.LABEL_ARTIFACT);
        Label label = labels.readable(ref.id());
        if (Label.PROJECT.equals(label.scope) && label.projectId != artifact.projectId()) {
            throw HarborException.badRequest("label " + label.name + " belongs to another project");
        }
        if (!artifactLabels.add(label.id, artifact.repository(), artifact.digest())) {
            throw HarborException.conflict("artifact " + artifact.digest() + " already has the label " + label.name);
        }
        return Response.ok().build();
    }

    @DELETE
    @Path("/{label_id}")
    @Transactional
    public Response remove(@PathParam("project_name") String project, @PathParam("repository_name") String repository,
            @PathParam("reference") String reference, @PathParam("label_id") long labelId) {
        RegistryViews.ArtifactRow artifact = artifacts.find(project, repository, reference, Action.LABEL_ARTIFACT);
        if (!artifactLabels.remove(labelId, artifact.repository(), artifact.digest())) {
            throw HarborException.notFound("artifact " + artifact.digest() + " has no label " + labelId);
        }
        return Response.ok().build();
    }
}
