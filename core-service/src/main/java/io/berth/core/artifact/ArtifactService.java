package io.berth.core.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.oci.Tag;
import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.api.Sorting;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.label.ArtifactLabels;
import io.berth.core.label.Label;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import io.berth.core.registry.RegistryChanges;
import io.berth.core.views.RegistryViews;
import io.berth.core.views.RegistryViews.ArtifactRow;
import io.berth.core.views.RegistryViews.RepositoryRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Repositories and artifacts as Harbor's API knows them, read from registry-service's views: finding
 * one the caller may act on (every feature that works on artifacts finds them here), listing, tags.
 * A repository exists while it holds an artifact. Deleting (a repository: its artifacts, indexes before
 * their children) and tagging go through registry-service's {@code /v2/} API in the caller's name.
 */
@ApplicationScoped
public class ArtifactService {
    private static final String TIME = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";
    private static final Map<String, String> FIELDS = Map.of("digest", "a.digest", "media_type", "a.media_type",
            "artifact_type", "a.artifact_type", "push_time", TIME.formatted("a.push_time"), "pull_time", TIME.formatted("a.pull_time"));
    private static final Map<String, String> SORT = Map.of("push_time", "a.push_time", "pull_time", "a.pull_time",
            "digest", "a.digest", "size", "a.size");
    private static final Map<String, String> TAG_FIELDS = Map.of("name", "t.name");
    private static final Map<String, String> REPOSITORY_FIELDS = Map.of("name", "r.name");
    private static final Map<String, String> REPOSITORY_SORT = Map.of("name", "r.name", "creation_time", "r.creation_time",
            "update_time", "r.update_time", "pull_count", "r.pull_count", "artifact_count", "r.artifact_count");

    private final RegistryViews views;
    private final RegistryChanges registry;
    private final ProjectAccess access;
    private final CurrentCaller current;
    private final ObjectMapper json;
    private final ArtifactLabels labels;

    ArtifactService(RegistryViews views, RegistryChanges registry, ProjectAccess access, CurrentCaller current, ObjectMapper json,
            ArtifactLabels labels) {
        this.views = views;
        this.registry = registry;
        this.access = access;
        this.current = current;
        this.json = json;
        this.labels = labels;
    }

    /** The repository {@code repositoryName} (Harbor's form: without the project, slashes URL-encoded twice) of a project the caller may do {@code action} in. */
    public RepositoryRow repository(String projectName, String repositoryName, Action action) {
        Project project = access.visible(projectName, true, action);
        String name = project.name + "/" + URLDecoder.decode(repositoryName, StandardCharsets.UTF_8);
        return HarborException.found(views.repository(name), "repository " + name);
    }

    /** The project's repositories matching Harbor's {@code q}, sorted, newest first by default. */
    public Page<RepositoryView> repositories(Project project, String q, String sort, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(REPOSITORY_FIELDS, params) + " and r.project = :project";
        params.put("project", project.name);
        return repositoryPage(where, params, sort, paging);
    }

    /** The repositories of every project the current caller may pull from. */
    public Page<RepositoryView> allRepositories(String q, String sort, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(REPOSITORY_FIELDS, params) + access.namedIn(current.get(), Action.PULL, "r.project", params);
        return repositoryPage(where, params, sort, paging);
    }

    /** Deletes every artifact of the repository, those no index lists first, until none is left. */
    public void deleteRepository(RepositoryRow repository) {
        for (List<String> deletable = views.unreferencedDigests(repository.name()); !deletable.isEmpty();
                deletable = views.unreferencedDigests(repository.name())) {
            for (String digest : deletable) {
                try {
                    registry.delete(current.get(), repository.name(), digest);
                } catch (HarborException e) {
                    if (e.status() != 404) { // 404: deleted meanwhile by someone else, which is what we want
                        throw e;
                    }
                }
            }
        }
    }

    /** The artifact (by digest or tag), if the caller may do {@code action} in its project; 404 if there is none. */
    public ArtifactRow artifact(String project, String repositoryName, String reference, Action action) {
        RepositoryRow repository = repository(project, repositoryName, action);
        return HarborException.found(views.artifact(repository.name(), reference), "artifact " + repository.name() + "@" + reference);
    }

    /** The repository's artifacts matching Harbor's {@code q} (with its {@code tags} key), sorted, newest push first by default. */
    public Page<ArtifactView> list(RepositoryRow repository, String q, String sort, boolean withTags, Paging paging) {
        Query query = Query.parse(q);
        Query.Condition tags = query.remove("tags");
        Map<String, Object> params = new HashMap<>();
        String where = query.where(FIELDS, params) + " and a.repository_id = :repository_id" + tagCondition(tags, params);
        params.put("repository_id", repository.id());
        List<ArtifactRow> rows = views.artifacts(where, params, Sorting.orderBy(sort, SORT, "a.push_time desc, a.digest"), paging);
        return new Page<>(describe(rows, withTags), views.countArtifacts(where, params));
    }

    public ArtifactView describe(ArtifactRow artifact, boolean withTags) {
        return describe(List.of(artifact), withTags).get(0);
    }

    public void delete(ArtifactRow artifact) {
        registry.delete(current.get(), artifact.repository(), artifact.digest());
    }

    /** The artifact's tags matching Harbor's {@code q}, by name. */
    public Page<ArtifactView.TagView> tags(ArtifactRow artifact, String q, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(TAG_FIELDS, params) + " and t.repository_id = :id and t.digest = :digest";
        params.put("id", artifact.repositoryId());
        params.put("digest", artifact.digest());
        return new Page<>(views.tags(where, params, paging).stream().map(ArtifactService::tagView).toList(), views.countTags(where, params));
    }

    /** Tags the artifact; 409 if the repository has that tag already (on this artifact or another). */
    public void addTag(ArtifactRow artifact, String tag) {
        if (views.artifact(artifact.repository(), tag) != null) {
            throw HarborException.conflict("the tag " + tag + " already exists in " + artifact.repository());
        }
        registry.tag(current.get(), artifact.repository(), tag, artifact.mediaType(), artifact.content());
    }

    /** 400 for a name that is not a tag. */
    public static void checkTagName(String name) {
        if (name == null || !Tag.isValid(name)) {
            throw HarborException.badRequest("invalid tag name '" + name
                    + "': letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters");
        }
    }

    /** Takes the tag off the artifact; 404 if the artifact has no such tag. */
    public void deleteTag(ArtifactRow artifact, String tag) {
        boolean tagged = views.tags(artifact.repositoryId(), List.of(artifact.digest())).stream().anyMatch(t -> t.name().equals(tag));
        if (!tagged) {
            throw HarborException.notFound("artifact " + artifact.digest() + " has no tag " + tag);
        }
        registry.delete(current.get(), artifact.repository(), tag);
    }

    private Page<RepositoryView> repositoryPage(String where, Map<String, Object> params, String sort, Paging paging) {
        String orderBy = Sorting.orderBy(sort, REPOSITORY_SORT, "r.creation_time desc, r.name");
        List<RepositoryView> repositories = views.repositories(where, params, orderBy, paging).stream().map(RepositoryView::of).toList();
        return new Page<>(repositories, views.countRepositories(where, params));
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
            params.put("tag", Query.contains(f.value()));
            return exists + " and t.name like :tag)";
        }
        throw HarborException.badRequest("the tags query key takes nil, *, a name or ~part of a name");
    }

    private List<ArtifactView> describe(List<ArtifactRow> rows, boolean withTags) {
        List<String> digests = rows.stream().map(ArtifactRow::digest).toList();
        Map<String, List<Label.View>> labelsOf = rows.isEmpty() ? Map.of() : labels.of(rows.get(0).repository(), digests);
        Map<String, List<ArtifactView.TagView>> tags = !withTags || rows.isEmpty() ? Map.of()
                : views.tags(rows.get(0).repositoryId(), digests).stream().collect(Collectors.groupingBy(RegistryViews.TagRow::digest,
                        Collectors.mapping(ArtifactService::tagView, Collectors.toList())));
        Map<String, Long> childIds = rows.isEmpty() ? Map.of()
                : views.references(rows.get(0).repositoryId(), digests).stream()
                        .collect(Collectors.toMap(r -> r.parentId() + " " + r.childDigest(), RegistryViews.ReferenceRow::childId));
        return rows.stream().map(a -> {
            ArtifactDescription d = ArtifactDescription.of(json, a.mediaType(), a.artifactType(), a.content());
            List<ArtifactView.Reference> references = d.references().stream()
                    .map(r -> r.withIds(a.id(), childIds.get(a.id() + " " + r.childDigest()))).toList();
            return new ArtifactView(a.id(), d.type(), d.mediaType(), a.mediaType(), d.artifactType(), a.projectId(), a.repositoryId(),
                    a.repository(), a.digest(), a.size(), a.pushTime(), a.pullTime(), a.pullCount(), annotations(a.annotations()), null,
                    references, withTags ? tags.getOrDefault(a.digest(), List.of()) : null, labelsOf.getOrDefault(a.digest(), List.of()), null, null,
                    null);
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
