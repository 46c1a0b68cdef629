package io.berth.core.views;

import static io.berth.core.api.SqlValues.number;
import static io.berth.core.api.SqlValues.time;

import io.berth.core.api.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads registry-service's documented views (db/registry V2, V3, V9): repositories, artifacts, tags, index
 * references and project usage. The one class in core with SQL on the {@code registry} schema. Read only:
 * every change goes through registry-service's API.
 */
@ApplicationScoped
public class RegistryViews {
    static final String REPOSITORY_COLUMNS = "r.id, r.name, r.project, r.artifact_count, r.pull_count, r.creation_time, r.update_time, p.id AS project_id";
    static final String ARTIFACT_COLUMNS = "a.id, a.repository_id, a.repository, a.digest, a.media_type, a.artifact_type, a.size, a.subject_digest, "
            + "a.push_time, a.pull_time, a.pull_count, a.annotations::text AS annotations, a.content, p.id AS project_id";

    private final ViewReader db;

    RegistryViews(EntityManager em) {
        this.db = new ViewReader(em);
    }

    public record RepositoryRow(long id, String name, String project, long projectId, long artifactCount, long pullCount,
            OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    public record ArtifactRow(long id, long repositoryId, String repository, long projectId, String digest, String mediaType,
            String artifactType, long size, String subjectDigest, OffsetDateTime pushTime, OffsetDateTime pullTime,
            long pullCount, String annotations, byte[] content) {}

    public record TagRow(long id, long artifactId, long repositoryId, String name, String digest, OffsetDateTime pushTime) {}

    /** A child of an index in the same repository, with both artifacts' ids. */
    public record ReferenceRow(long parentId, String childDigest, long childId) {}

    public long countRepositories(String where, Map<String, Object> params) {
        return count("registry.repository_view r JOIN core.project p ON p.name = r.project", where, params);
    }

    public List<RepositoryRow> repositories(String where, Map<String, Object> params, String orderBy, Paging paging) {
        return list("SELECT " + REPOSITORY_COLUMNS + " FROM registry.repository_view r JOIN core.project p ON p.name = r.project WHERE "
                + where + " ORDER BY " + orderBy, params, paging).stream().map(RegistryViews::repository).toList();
    }

    public RepositoryRow repository(String name) {
        return list("SELECT " + REPOSITORY_COLUMNS + " FROM registry.repository_view r JOIN core.project p ON p.name = r.project "
                + "WHERE r.name = :name", Map.of("name", name), null).stream().map(RegistryViews::repository).findFirst().orElse(null);
    }

    public long countArtifacts(String where, Map<String, Object> params) {
        return count("registry.artifact_view a JOIN core.project p ON p.name = a.project", where, params);
    }

    public List<ArtifactRow> artifacts(String where, Map<String, Object> params, String orderBy, Paging paging) {
        return list("SELECT " + ARTIFACT_COLUMNS + " FROM registry.artifact_view a JOIN core.project p ON p.name = a.project WHERE "
                + where + " ORDER BY " + orderBy, params, paging).stream().map(RegistryViews::artifact).toList();
    }

    /** The artifact of {@code repository} that {@code reference} (a digest or a tag) names, or null. */
    public ArtifactRow artifact(String repository, String reference) {
        String match = reference.contains(":") ? "a.digest = :reference"
                : "a.digest = (SELECT t.digest FROM registry.tag_view t WHERE t.repository = :repository AND t.name = :reference)";
        return list("SELECT " + ARTIFACT_COLUMNS + " FROM registry.artifact_view a JOIN core.project p ON p.name = a.project "
                + "WHERE a.repository = :repository AND " + match, Map.of("repository", repository, "reference", reference), null)
                .stream().map(RegistryViews::artifact).findFirst().orElse(null);
    }

    /** The tags of the given artifacts of one repository, by name. */
    public List<TagRow> tags(long repositoryId, List<String> digests) {
        return digests.isEmpty() ? List.of()
                : tags("t.repository_id = :id AND t.digest IN (:digests)", Map.of("id", repositoryId, "digests", digests), null);
    }

    public List<TagRow> tags(String where, Map<String, Object> params, Paging paging) {
        return list("SELECT t.id, t.artifact_id, t.repository_id, t.name, t.digest, t.push_time FROM registry.tag_view t WHERE " + where
                + " ORDER BY t.name", params, paging).stream().map(t -> new TagRow(number(t.get(0)), number(t.get(1)), number(t.get(2)),
                        (String) t.get(3), (String) t.get(4), time(t.get(5)))).toList();
    }

    /** The children the given indexes of one repository list. */
    public List<ReferenceRow> references(long repositoryId, List<String> parents) {
        return parents.isEmpty() ? List.of()
                : list("SELECT c.parent_id, c.child_digest, c.child_id FROM registry.artifact_reference_view c "
                        + "WHERE c.repository_id = :id AND c.parent_digest IN (:parents)", Map.of("id", repositoryId, "parents", parents), null)
                        .stream().map(t -> new ReferenceRow(number(t.get(0)), (String) t.get(1), number(t.get(2)))).toList();
    }

    public long countTags(String where, Map<String, Object> params) {
        return count("registry.tag_view t", where, params);
    }

    /** Digests of the repository's artifacts that no index in it lists: the ones that can be deleted first. */
    public List<String> unreferencedDigests(String repository) {
        return list("SELECT a.digest FROM registry.artifact_view a WHERE a.repository = :repository AND NOT EXISTS ("
                + "SELECT 1 FROM registry.artifact_reference_view c WHERE c.repository_id = a.repository_id AND c.child_digest = a.digest)",
                Map.of("repository", repository), null).stream().map(t -> (String) t.get(0)).toList();
    }

    /** Repositories with content in the project. */
    public long repositoryCount(String project) {
        return count("registry.repository_view r", "r.project = :project", Map.of("project", project));
    }

    /** Repositories with content in any of the projects; 0 for none. */
    public long repositoryCount(List<String> projects) {
        return projects.isEmpty() ? 0 : count("registry.repository_view r", "r.project IN (:projects)", Map.of("projects", projects));
    }

    /** Bytes the project uses as its quota counts them: its blobs, each once, and its manifests (registry V9's usage view). */
    public long usedBytes(String project) {
        return db.scalar("SELECT coalesce(sum(used), 0) FROM registry.project_usage_view WHERE project = :project", Map.of("project", project));
    }

    /** Bytes every project uses, as their quotas count them (a blob shared by two projects counts in each). */
    public long usedBytes() {
        return db.scalar("SELECT coalesce(sum(used), 0) FROM registry.project_usage_view", Map.of());
    }

    /** A project, its storage hard limit (-1: unlimited) and the bytes it uses (Harbor's quota). */
    public record ProjectUsageRow(long projectId, String project, String ownerName, long hard, long used, OffsetDateTime creationTime,
            OffsetDateTime updateTime) {}

    /** Per project row, its usage summed from the indexed view (lateral: only the projects read are summed, unless sorted by it). */
    private static final String PROJECT_USAGE = "core.project p LEFT JOIN core.users o ON o.id = p.owner_id "
            + "LEFT JOIN core.quota q ON q.project_id = p.id "
            + "LEFT JOIN LATERAL (SELECT sum(used) AS used FROM registry.project_usage_view WHERE project = p.name) u ON true";

    /**
     * Projects with their quota and the bytes they use, sorted and paged; {@code where} is over {@code p} (core.project),
     * {@code orderBy} may name {@code used} and {@code hard}. The quota's own times are its creation and update times.
     */
    public List<ProjectUsageRow> projectUsage(String where, Map<String, Object> params, String orderBy, Paging paging) {
        return list("SELECT p.id, p.name, o.username, coalesce(q.hard_storage, -1) AS hard, coalesce(u.used, 0) AS used, "
                + "coalesce(q.creation_time, p.creation_time), coalesce(q.update_time, p.update_time) FROM " + PROJECT_USAGE
                + " WHERE " + where + " ORDER BY " + orderBy, params, paging).stream()
                .map(t -> new ProjectUsageRow(number(t.get(0)), (String) t.get(1), (String) t.get(2), number(t.get(3)), number(t.get(4)),
                        time(t.get(5)), time(t.get(6))))
                .toList();
    }

    public long countProjects(String where, Map<String, Object> params) {
        return count("core.project p", where, params);
    }

    /** A repository found by search: its name, project and counts. */
    public record RepositoryHit(String name, String project, long pullCount, long artifactCount) {}

    /** Repositories of the projects whose names contain {@code term} (lower case), by name, at most {@code limit}. */
    public List<RepositoryHit> search(Collection<String> projects, String term, int limit) {
        return list("SELECT name, project, pull_count, artifact_count FROM registry.repository_view "
                + "WHERE project IN (:projects) AND strpos(lower(name), :term) > 0 ORDER BY name", Map.of("projects", projects, "term", term),
                new Paging(1, limit)).stream().map(t -> new RepositoryHit((String) t.get("name"), (String) t.get("project"),
                        number(t.get("pull_count")), number(t.get("artifact_count")))).toList();
    }

    /** Whether registry-service holds the artifact {@code digest} in {@code repository} (a tag does not matter). */
    public boolean holds(String repository, String digest) {
        return count("registry.artifact_view a", "a.repository = :repository AND a.digest = :digest",
                Map.of("repository", repository, "digest", digest)) > 0;
    }

    private long count(String from, String where, Map<String, Object> params) {
        return db.scalar("SELECT count(*) FROM " + from + " WHERE " + where, params);
    }

    private List<Tuple> list(String sql, Map<String, Object> params, Paging paging) {
        return db.tuples(sql, params, paging);
    }

    private static RepositoryRow repository(Tuple t) {
        return new RepositoryRow(number(t.get("id")), (String) t.get("name"), (String) t.get("project"), number(t.get("project_id")),
                number(t.get("artifact_count")), number(t.get("pull_count")), time(t.get("creation_time")), time(t.get("update_time")));
    }

    private static ArtifactRow artifact(Tuple t) {
        return new ArtifactRow(number(t.get("id")), number(t.get("repository_id")), (String) t.get("repository"), number(t.get("project_id")),
                (String) t.get("digest"), (String) t.get("media_type"), (String) t.get("artifact_type"), number(t.get("size")),
                (String) t.get("subject_digest"), time(t.get("push_time")), time(t.get("pull_time")), number(t.get("pull_count")),
                (String) t.get("annotations"),
                (byte[]) t.get("content"));
    }
}
