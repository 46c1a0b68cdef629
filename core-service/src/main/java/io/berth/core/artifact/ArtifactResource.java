package io.berth.core.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.oci.Tag;
import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Params;
import io.berth.core.api.Query;
import io.berth.core.api.Sorting;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.label.ArtifactLabels;
import io.berth.core.label.Label;
import io.berth.core.rbac.Action;
import io.berth.core.registry.RegistryClient;
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
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Harbor's artifact and tag API over registry-service's views. Deleting an artifact or a tag, and
 * adding a tag, go through registry-service's {@code /v2/} API in the caller's name.
 */
@Path("/api/v2.0/projects/{project_name}/repositories/{repository_name}/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource {
    private static final String TIME = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";
    private static final Map<String, String> FIELDS = Map.of("digest", "a.digest", "media_type", "a.media_type",
            "artifact_type", "a.artifact_type", "push_time", TIME.formatted("a.push_time"), "pull_time", TIME.formatted("a.pull_time"));
    private static final Map<String, String> SORT = Map.of("push_time", "a.push_time", "pull_time", "a.pull_time",
            "digest", "a.digest", "size", "a.size");
    private static final Map<String, String> TAG_FIELDS = Map.of("name", "t.name");

    /** Body of {@code POST …/tags}. */
    public record NewTag(String name) {}

    private final RegistryViews views;
    private final RegistryClient registry;
    private final RepositoryResource repositories;
    private final CurrentCaller current;
    private final ObjectMapper json;
    private final ArtifactLabels artifactLabels;

    ArtifactResource(RegistryViews views, RegistryClient registry, RepositoryResource repositories, CurrentCaller current,
            ObjectMapper json, ArtifactLabels artifactLabels) {
        this.artifactLabels = artifactLabels;
        this.views = views;
        this.registry = registry;
        this.repositories = repositories;
        this.current = current;
        this.json = json;
    }

    @GET
    public Response list(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @QueryParam("with_tag") String withTagParam, @Context UriInfo uri) {
        boolean withTag = Params.bool("with_tag", withTagParam, true);
        RegistryViews.RepositoryRow repository = repositories.find(project, repositoryName, Action.PULL);
        Paging paging = Paging.of(page, pageSize);
        Query query = Query.parse(q);
        Query.Condition tags = query.remove("tags");
        Map<String, Object> params = new HashMap<>();
        String where = query.where(FIELDS, params) + " and a.repository_id = :repository_id" + tagCondition(tags, params);
        params.put("repository_id", repository.id());
        List<RegistryViews.ArtifactRow> rows = views.artifacts(where, params, Sorting.orderBy(sort, SORT, "a.push_time desc, a.digest"), paging);
        return paging.response(describe(rows, withTag), views.countArtifacts(where, params), uri);
    }

    @GET
    @Path("/{reference}")
    public ArtifactView get(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @QueryParam("with_tag") String withTag) {
        boolean tags = Params.bool("with_tag", withTag, true);
        return describe(List.of(find(project, repositoryName, reference, Action.PULL)), tags).get(0);
    }

    @DELETE
    @Path("/{reference}")
    public Response delete(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference) {
        RegistryViews.ArtifactRow artifact = find(project, repositoryName, reference, Action.DELETE_ARTIFACT);
        registry.delete(current.get(), artifact.repository(), artifact.digest());
        return Response.ok().build();
    }

    @GET
    @Path("/{reference}/tags")
    public Response tags(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        RegistryViews.ArtifactRow artifact = find(project, repositoryName, reference, Action.PULL);
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(TAG_FIELDS, params) + " and t.repository_id = :id and t.digest = :digest";
        params.put("id", artifact.repositoryId());
        params.put("digest", artifact.digest());
        List<ArtifactView.TagView> tags = views.tags(where, params, paging).stream().map(ArtifactResource::tagView).toList();
        return paging.response(tags, views.countTags(where, params), uri);
    }

    @POST
    @Path("/{reference}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addTag(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, NewTag tag) {
        if (tag == null || tag.name() == null || !Tag.isValid(tag.name())) {
            throw HarborException.badRequest("invalid tag name '" + (tag == null ? null : tag.name())
                    + "': letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters");
        }
        RegistryViews.ArtifactRow artifact = find(project, repositoryName, reference, Action.CREATE_TAG);
        if (views.artifact(artifact.repository(), tag.name()) != null) {
            throw HarborException.conflict("the tag " + tag.name() + " already exists in " + artifact.repository());
        }
        registry.tag(current.get(), artifact.repository(), tag.name(), artifact.mediaType(), artifact.content());
        return Response.status(201).build();
    }

    @DELETE
    @Path("/{reference}/tags/{tag_name}")
    public Response deleteTag(@PathParam("project_name") String project, @PathParam("repository_name") String repositoryName,
            @PathParam("reference") String reference, @PathParam("tag_name") String tagName) {
        RegistryViews.ArtifactRow artifact = find(project, repositoryName, reference, Action.DELETE_TAG);
        boolean tagged = views.tags(artifact.repositoryId(), List.of(artifact.digest())).stream().anyMatch(t -> t.name().equals(tagName));
        if (!tagged) {
            throw HarborException.notFound("artifact " + artifact.digest() + " has no tag " + tagName);
        }
        registry.delete(current.get(), artifact.repository(), tagName);
        return Response.ok().build();
    }

    /** The artifact, if the caller may do {@code action} in its project; 404 if there is none. */
    public RegistryViews.ArtifactRow find(String project, String repositoryName, String reference, Action action) {
        RegistryViews.RepositoryRow repository = repositories.find(project, repositoryName, action);
        RegistryViews.ArtifactRow artifact = views.artifact(repository.name(), reference);
        if (artifact == null) {
            throw HarborException.notFound("artifact " + repository.name() + "@" + reference + " not found");
        }
        return artifact;
    }

    /** Harbor's {@code tags} query key: {@code nil} for untagged artifacts, {@code *} for tagged ones, or a tag name (exact or {@code ~}fuzzy). */
    private static String tagCondition(Query.Condition tags, Map<String, Object> params) {
        String exists = " and exists (select 1 from registry.tag_view t where t.repository_id = a.repository_id and t.digest = a.digest";
        if (tags == null) {
            return "";
        }
        if (tags instanceof Query.Exact e && e.value().equals("nil")) {
            return " and not" + exists.substring(" and".length()) + ")";
        }
        if (tags instanceof Query.Exact e && e.value().equals("*")) {
            return exists + ")";
        }
        if (tags instanceof Query.Exact e) {
            params.put("tag", e.value());
            return exists + " and t.name = :tag)";
        }
        if (tags instanceof Query.Fuzzy f) {
            params.put("tag", "%" + f.value().replace("%", "\\%").replace("_", "\\_") + "%");
            return exists + " and t.name like :tag)";
        }
        throw HarborException.badRequest("the tags query key takes nil, *, a name or ~part of a name");
    }

    private List<ArtifactView> describe(List<RegistryViews.ArtifactRow> rows, boolean withTags) {
        Map<String, List<Label.View>> labels = rows.isEmpty() ? Map.of()
                : artifactLabels.of(rows.get(0).repository(), rows.stream().map(RegistryViews.ArtifactRow::digest).toList());
        Map<String, List<ArtifactView.TagView>> tags = !withTags || rows.isEmpty() ? Map.of()
                : views.tags(rows.get(0).repositoryId(), rows.stream().map(RegistryViews.ArtifactRow::digest).toList()).stream()
                        .collect(Collectors.groupingBy(RegistryViews.TagRow::digest, Collectors.mapping(ArtifactResource::tagView, Collectors.toList())));
        Map<String, Long> childIds = rows.isEmpty() ? Map.of()
                : views.references(rows.get(0).repositoryId(), rows.stream().map(RegistryViews.ArtifactRow::digest).toList()).stream()
                        .collect(Collectors.toMap(r -> r.parentId() + " " + r.childDigest(), RegistryViews.ReferenceRow::childId));
        return rows.stream().map(a -> {
            ArtifactDescription d = ArtifactDescription.of(json, a.mediaType(), a.artifactType(), a.content());
            List<ArtifactView.Reference> references = d.references().stream()
                    .map(r -> r.withIds(a.id(), childIds.get(a.id() + " " + r.childDigest()))).toList();
            return new ArtifactView(a.id(), d.type(), d.mediaType(), a.mediaType(), d.artifactType(), a.projectId(), a.repositoryId(),
                    a.repository(), a.digest(), a.size(), a.pushTime(), a.pullTime(), a.pullCount(), annotations(a.annotations()), null,
                    references, withTags ? tags.getOrDefault(a.digest(), List.of()) : null, labels.getOrDefault(a.digest(), List.of()));
        }).toList();
    }

    private static ArtifactView.TagView tagView(RegistryViews.TagRow t) {
        return new ArtifactView.TagView(t.id(), t.artifactId(), t.repositoryId(), t.name(), t.pushTime(), null, false);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> annotations(String text) {
        try {
            return text == null ? null : json.readValue(text, Map.class);
        } catch (IOException e) {
            return null;
        }
    }
}
