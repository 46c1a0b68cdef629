package io.berth.core.project;

import io.berth.core.api.HarborException;
import io.berth.core.identity.User;
import io.berth.core.member.Member;
import io.berth.core.member.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Creating, changing and deleting projects. The creator becomes the project's admin. */
@ApplicationScoped
public class ProjectService {
    /** Harbor's project name rule; it is also the first component of repository names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    private final EntityManager em;

    ProjectService(EntityManager em) {
        this.em = em;
    }

    public Project byName(String name) {
        return Project.byName(name);
    }

    @Transactional
    public Project create(String name, boolean isPublic, User owner, Map<String, String> metadata) {
        if (name == null || name.length() > 255 || !NAME.matcher(name).matches()) {
            throw HarborException.badRequest("invalid project name '" + name + "': lower-case letters and digits, "
                    + "separated by '.', '_' or '-', at most 255 characters");
        }
        if (Project.byName(name) != null) {
            throw HarborException.conflict("the project " + name + " already exists");
        }
        Project project = new Project();
        project.name = name;
        project.ownerId = owner.id;
        project.metadata = new HashMap<>(metadata);
        project.metadata.put("public", Boolean.toString(isPublic || Boolean.parseBoolean(metadata.get("public"))));
        project.persist();
        Member admin = new Member();
        admin.projectId = project.id;
        admin.userId = owner.id;
        admin.roleId = Role.PROJECT_ADMIN.id();
        admin.persist();
        return project;
    }

    /**
     * Creates the project, private and owned by admin, unless it exists: what a pull-based replication
     * does for the projects it writes into, as Harbor does. Another replica creating it at the same
     * moment is not an error.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void createIfMissing(String name) {
        if (Project.byName(name) == null) {
            create(name, false, User.byName("admin"), Map.of());
            em.flush();
        }
    }

    @Transactional
    public void update(Project project, Map<String, String> metadata) {
        Project managed = Project.findById(project.id);
        managed.metadata.putAll(metadata);
    }

    /** Deletes the project with its members and robots; refused while it still holds repositories. */
    @Transactional
    public void delete(Project project) {
        if (repositoryCount(project.name) > 0) {
            throw HarborException.preconditionFailed("the project " + project.name + " still contains repositories; delete them first");
        }
        Project.deleteById(project.id);
    }

    /** Repositories with content in the project, read from registry-service's documented view. */
    public long repositoryCount(String project) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM registry.repository_view WHERE project = ?1")
                .setParameter(1, project).getSingleResult()).longValue();
    }

    /** Bytes the project's blobs take, each counted once (registry-service's usage view). */
    public long usedBytes(String project) {
        Object used = em.createNativeQuery("SELECT coalesce(sum(size), 0) FROM registry.project_blob_view WHERE project = ?1")
                .setParameter(1, project).getSingleResult();
        return ((Number) used).longValue();
    }
}
