package io.berth.core.artifact;

import io.berth.common.error.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Params;
import io.berth.core.label.LabelService;
import io.berth.core.rbac.Action;
import io.berth.core.scan.ScanOverview;
import io.berth.core.scan.ScanService;
import io.berth.common.scan.ReportTypes;
import io.berth.core.views.RegistryViews.ArtifactRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * Harbor's artifact, tag and artifact label API over registry-service's views. Deleting an artifact or
 * a tag, and adding a tag, go through registry-service's {@code /v2/} API in the caller's name
 * ({@link ArtifactService}); a label is attached, a global one or one of the artifact's project, by
 * {@link LabelService}.
 */
@Path("/api/v2.0/projects/{project_name}/repositories/{repository_name}/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource {
    /** Body of {@code POST …/tags}. */
    public record NewTag(String name) {}

    /** Body of {@code POST …/labels}: the label, by id. */
    public record LabelRef(Long id) {}

    private final ArtifactService artifacts;
    private final LabelService labels;
    private final ArtifactAdditions additions;
    private final ScanService scans;

    ArtifactResource(ArtifactService artifacts, LabelService labels, ArtifactAdditions additions, ScanService scans) {
        this.artifacts = artifacts;
        this.labels = labels;
        this.additions = additions;
        this.scans = scans;
    }

    @GET
    public Response list(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @QueryParam("with_tag") String withTagParam,
            @QueryParam("with_scan_overview") String withScanOverview, @QueryParam("with_sbom_overview") String withSbomOverview,
            @QueryParam("with_accessory") String withAccessory, @Context UriInfo uri) {
        boolean withTag = Params.bool("with_tag", withTagParam, true);
        var repository = artifacts.repository(project, repositoryName, Action.PULL);
        Paging paging = Paging.of(page, pageSize);
        var listed = artifacts.list(repository, q, sort, withTag, paging);
        return paging.response(accessories(overviews(listed.items(), withScanOverview, withSbomOverview), withAccessory), listed.total(), uri);
    }

    /** The artifacts with Harbor's {@code accessories} where asked for ({@code with_accessory}). */
    private List<ArtifactView> accessories(List<ArtifactView> items, String withAccessory) {
        return Params.bool("with_accessory", withAccessory, false) ? additions.withAccessories(items) : items;
    }

    /** The artifacts with Harbor's {@code scan_overview} and {@code sbom_overview} where asked for. */
    private List<ArtifactView> overviews(List<ArtifactView> items, String withScanOverview, String withSbomOverview) {
        boolean scan = Params.bool("with_scan_overview", withScanOverview, false);
        boolean sbom = Params.bool("with_sbom_overview", withSbomOverview, false);
        if (!scan && !sbom) {
            return items;
        }
        List<String> digests = items.stream().map(ArtifactView::digest).toList();
        var scanOverviews = scan ? scans.overviews(digests, ReportTypes.VULNERABILITY) : Map.<String, Map<String, ScanOverview>>of();
        var sbomOverviews = sbom ? scans.sbomOverviews(digests) : Map.<String, Map<String, Object>>of();
        return items.stream().map(a -> a.withOverviews(scan ? scanOverviews.getOrDefault(a.digest(), Map.of()) : null,
                sbom ? sbomOverviews.getOrDefault(a.digest(), Map.of()) : null)).toList();
    }

    @GET
    @Path("/{reference}")
    public ArtifactView get(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @QueryParam("with_tag") String withTag,
            @QueryParam("with_scan_overview") String withScanOverview, @QueryParam("with_sbom_overview") String withSbomOverview,
            @QueryParam("with_accessory") String withAccessory) {
        boolean tags = Params.bool("with_tag", withTag, true);
        ArtifactView artifact = artifacts.describe(artifacts.artifact(project, repositoryName, reference, Action.PULL), tags);
        return accessories(overviews(List.of(artifact), withScanOverview, withSbomOverview), withAccessory).get(0);
    }

    @DELETE
    @Path("/{reference}")
    public Response delete(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference) {
        artifacts.delete(artifacts.artifact(project, repositoryName, reference, Action.DELETE_ARTIFACT));
        return Response.ok().build();
    }

    @GET
    @Path("/{reference}/tags")
    public Response tags(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        ArtifactRow artifact = artifacts.artifact(project, repositoryName, reference, Action.PULL);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(artifacts.tags(artifact, q, paging), uri);
    }

    @POST
    @Path("/{reference}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addTag(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, NewTag tag) {
        ArtifactService.checkTagName(tag == null ? null : tag.name());
        artifacts.addTag(artifacts.artifact(project, repositoryName, reference, Action.CREATE_TAG), tag.name());
        return Response.status(201).build();
    }

    @DELETE
    @Path("/{reference}/tags/{tag_name}")
    public Response deleteTag(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @PathParam("tag_name") String tagName) {
        artifacts.deleteTag(artifacts.artifact(project, repositoryName, reference, Action.DELETE_TAG), tagName);
        return Response.ok().build();
    }

    @POST
    @Path("/{reference}/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addLabel(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, LabelRef ref) {
        if (ref == null || ref.id() == null) {
            throw HarborException.badRequest("the label's id is required");
        }
        ArtifactRow artifact = artifacts.artifact(project, repositoryName, reference, Action.LABEL_ARTIFACT);
        labels.attach(ref.id(), artifact.projectId(), artifact.repository(), artifact.digest());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{reference}/labels/{label_id}")
    public Response removeLabel(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @PathParam("label_id") long labelId) {
        ArtifactRow artifact = artifacts.artifact(project, repositoryName, reference, Action.LABEL_ARTIFACT);
        labels.detach(labelId, artifact.repository(), artifact.digest());
        return Response.ok().build();
    }

    @GET
    @Path("/{reference}/accessories")
    public Response accessories(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(additions.accessories(artifacts.artifact(project, repositoryName, reference, Action.PULL), paging), uri);
    }

    /** Harbor's additions that Berth has: {@code build_history}, {@code vulnerabilities} (the newest report by MIME type), and its own {@code layers}. */
    @GET
    @Path("/{reference}/additions/{addition}")
    public Object addition(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @PathParam("addition") String addition) {
        if (!addition.equals("build_history") && !addition.equals("layers") && !addition.equals("vulnerabilities")) {
            throw HarborException.notFound("addition " + addition + ": Berth has the additions build_history, vulnerabilities and layers");
        }
        ArtifactRow artifact = artifacts.artifact(project, repositoryName, reference, Action.PULL);
        return switch (addition) {
            case "layers" -> additions.layers(artifact);
            case "vulnerabilities" -> scans.vulnerabilities(artifact);
            default -> additions.buildHistory(artifact);
        };
    }
}
