package io.berth.core.project;

import io.berth.common.error.HarborException;
import io.berth.core.allowlist.CveAllowlistRequest;
import io.berth.core.allowlist.CveAllowlists;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.quota.QuotaService;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Member;
import io.berth.core.rbac.Role;
import io.berth.core.user.User;
import io.berth.core.views.RegistryViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creating, listing, changing and deleting projects. The creator becomes the project's admin; a project
 * is deleted only once it holds no repository. Changes made through the API are audited here.
 */
@ApplicationScoped
public class ProjectService {
    /** Harbor's project name rule; it is also the first component of repository names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    /** How many projects, and how many repositories, a search finds at most. */
    static final int SEARCH_LIMIT = 100;

    /** Harbor's SearchRepository. */
    public record RepositoryHit(long projectId, String projectName, boolean projectPublic, String repositoryName, long pullCount,
            long artifactCount) {}

    /** Harbor's Search: projects, then repositories. */
    public record SearchResult(List<ProjectView> project, List<RepositoryHit> repository) {}

    /** The filters of {@code GET /projects} besides {@code q}; null: not given. */
    public record Filter(String q, String name, Boolean isPublic, String owner) {}

    private final ProjectAccess access;
    private final RegistryViews registry;
    private final AuditLog audit;
    private final QuotaService quotas;
    private final Configurations configurations;
    private final CveAllowlists allowlists;
    private final jakarta.enterprise.event.Event<ProjectPolicyChanged> policyChanged;
    private final jakarta.enterprise.event.Event<ProxyCacheProjectCreated> proxyCacheCreated;

    ProjectService(ProjectAccess access, RegistryViews registry, AuditLog audit, QuotaService quotas, Configurations configurations,
            CveAllowlists allowlists, jakarta.enterprise.event.Event<ProjectPolicyChanged> policyChanged,
            jakarta.enterprise.event.Event<ProxyCacheProjectCreated> proxyCacheCreated) {
        this.configurations = configurations;
        this.allowlists = allowlists;
        this.policyChanged = policyChanged;
        this.proxyCacheCreated = proxyCacheCreated;
        this.access = access;
        this.registry = registry;
        this.audit = audit;
        this.quotas = quotas;
    }

    public Project byName(String name) {
        return Project.byName(name);
    }

    /** The projects the caller may see that pass the filter, by name. */
    public Page<ProjectView> list(Filter filter, Paging paging, Caller caller) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(Query.parse(filter.q()).where(Map.of("name", "p.name"), params));
        if (filter.name() != null) {
            where.append(" and lower(p.name) like :name");
            params.put("name", "%" + filter.name().toLowerCase() + "%");
        }
        if (filter.isPublic() != null) {
            where.append(" and coalesce(p.metadata['public'], 'false') = :public");
            params.put("public", filter.isPublic().toString());
        }
        if (filter.owner() != null) {
            where.append(" and p.ownerId = (select u.id from User u where u.username = :owner)");
            params.put("owner", filter.owner());
        }
        where.append(access.visibleCondition(caller, params));
        return Page.of(Project.find("from Project p where " + where + " order by p.name", params), paging, p -> view((Project) p, caller));
    }

    /** Projects and repositories the caller may pull from whose names contain {@code term} (lower case), by name. */
    public SearchResult search(String term, Caller caller) {
        Map<String, Project> visible = new HashMap<>();
        access.projects(caller, Action.PULL).forEach(p -> visible.put(p.name, p));
        List<ProjectView> projectHits = visible.values().stream().filter(p -> p.name.contains(term))
                .sorted(Comparator.comparing((Project p) -> p.name)).limit(SEARCH_LIMIT).map(p -> view(p, caller)).toList();
        List<RepositoryHit> repositoryHits = visible.isEmpty() ? List.of() : registry.search(visible.keySet(), term, SEARCH_LIMIT).stream()
                .map(r -> {
                    Project p = visible.get(r.project());
                    return new RepositoryHit(p.id, p.name, p.isPublic(), r.name(), r.pullCount(), r.artifactCount());
                }).toList();
        return new SearchResult(projectHits, repositoryHits);
    }

    /** A project asked for through the API: its name checked, its metadata valid and its settings ones Berth acts on. */
    @Transactional
    public Project create(ProjectRequest request, Caller caller) {
        if (request == null || request.projectName() == null) {
            throw HarborException.badRequest("project_name is required");
        }
        if (!caller.sysadmin() && configurations.projectCreationAdminOnly()) {
            throw HarborException.forbidden("only system administrators may create projects (configuration project_creation_restriction)");
        }
        Long storageLimit = request.storageLimitBytes();
        if (storageLimit != null && !caller.sysadmin() && storageLimit != quotas.defaultLimit()) {
            throw HarborException.forbidden("storage_limit: only system administrators choose a project's storage limit; "
                    + "leave it out for the default (" + quotas.defaultLimit() + ")");
        }
        Map<String, String> metadata = ProjectMetadata.validate(request.metadata());
        ProjectMetadata.refuseRetentionChange(metadata, null);
        Long upstream = proxyUpstream(request.registryId());
        CveAllowlistRequest.Valid allowlist = request.validAllowlist();
        Project project = create(request.projectName(), Boolean.TRUE.equals(request.isPublic()), User.findById(caller.id()), metadata,
                storageLimit);
        project.registryId = upstream;
        if (allowlist != null) {
            allowlists.save(project.id, allowlist);
        }
        audit.success(project.name, project.name, "project", "create");
        if (upstream != null) {
            proxyCacheCreated.fire(new ProxyCacheProjectCreated(project.id)); // as Harbor: what is not pulled for 7 days goes
        }
        return project;
    }

    /** A project with the default storage limit ({@code core.storage_per_project}). */
    @Transactional
    public Project create(String name, boolean isPublic, User owner, Map<String, String> metadata) {
        return create(name, isPublic, owner, metadata, null);
    }

    /** A project with its quota: {@code storageLimit} bytes (-1 unlimited), or the default if null. */
    @Transactional
    public Project create(String name, boolean isPublic, User owner, Map<String, String> metadata, Long storageLimit) {
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
        quotas.create(project.id, storageLimit);
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
            Project.flush();
        }
    }

    /**
     * The registry endpoint a proxy-cache project is created with (null, 0: none): 400 unless it exists and speaks plain
     * OCI Distribution (registry-service pulls from it, docs/proxy-cache.md).
     */
    /**
     * The registry endpoint a proxy-cache project pulls from, checked to exist (every endpoint type Berth takes speaks
     * plain OCI Distribution, so any can be an upstream), or null for an ordinary project. Read with SQL: the endpoints are
     * replication's, which depends on projects.
     */
    private static Long proxyUpstream(Long registryId) {
        if (registryId == null || registryId == 0) {
            return null;
        }
        List<?> found = Project.getEntityManager().createNativeQuery("SELECT id FROM core.registry WHERE id = ?1")
                .setParameter(1, registryId).getResultList();
        if (found.isEmpty()) {
            throw HarborException.badRequest("registry_id: there is no registry endpoint " + registryId);
        }
        return registryId;
    }

    /** Harbor's PUT: the metadata given (and {@code public}) change; a project cannot be renamed. */
    @Transactional
    public void update(Project project, ProjectRequest request) {
        if (request != null) {
                Long storageLimit = request.storageLimitBytes();
            if (storageLimit != null && storageLimit != quotas.hardOf(project.id)) {
                throw HarborException.badRequest("storage_limit: a project's storage limit is changed with PUT /api/v2.0/quotas/"
                        + project.id + " ({\"hard\": {\"storage\": " + storageLimit + "}}), by a system administrator");
            }
            if (request.registryId() != null && !java.util.Objects.equals(request.registryId() == 0 ? null : request.registryId(),
                    project.registryId)) {
                throw HarborException.badRequest("registry_id: a project cannot become, or stop being, a proxy cache; it is "
                        + (project.registryId == null ? "0 or left out" : project.registryId + " or left out"));
            }
            if (request.projectName() != null && !request.projectName().equals(project.name)) {
                throw HarborException.badRequest("a project cannot be renamed: project_name is " + project.name + " or left out");
            }
        }
        Map<String, String> metadata = ProjectMetadata.validate(request == null ? null : request.metadata());
        CveAllowlistRequest.Valid allowlist = request == null ? null : request.validAllowlist();
        if (request != null && request.isPublic() != null) {
            metadata.put("public", request.isPublic().toString());
        }
        Project managed = Project.findById(project.id);
        ProjectMetadata.refuseRetentionChange(metadata, managed.metadata.get(ProjectMetadata.RETENTION_ID));
        managed.metadata.putAll(metadata);
        if (allowlist != null) {
            allowlists.save(project.id, allowlist);
        }
        policyChanged.fire(new ProjectPolicyChanged(managed));
        audit.success(project.name, project.name, "project", "update");
    }

    /** Deletes the project with its members and robots; refused while it still holds repositories. */
    @Transactional
    public void delete(Project project) {
        if (registry.repositoryCount(project.name) > 0) {
            throw HarborException.preconditionFailed("the project " + project.name + " still contains repositories; delete them first");
        }
        Project.deleteById(project.id);
        audit.success(project.name, project.name, "project", "delete");
    }

    /** Harbor's ProjectSummary: repositories, members per role, and the quota: storage hard limit and used. */
    public Map<String, Object> summary(Project project) {
        Map<String, Object> summary = new HashMap<>();
        summary.put("repo_count", registry.repositoryCount(project.name));
        for (Role role : Role.values()) {
            summary.put(snake(role.harborName()) + "_count", Member.count("projectId = ?1 and roleId = ?2", project.id, role.id()));
        }
        summary.put("quota", Map.of("hard", Map.of("storage", quotas.hardOf(project.id)), "used",
                Map.of("storage", registry.usedBytes(project.name))));
        return summary;
    }

    /** The project as Harbor's API shows it to {@code caller}. */
    public ProjectView view(Project p, Caller caller) {
        User owner = p.ownerId == null ? null : User.findById(p.ownerId);
        List<Integer> roles = access.roles(caller, p).stream().map(Role::id).toList();
        Integer role = roles.isEmpty() ? null : roles.get(0);
        return new ProjectView(p.id, p.ownerId, p.name, owner == null ? null : owner.username, p.creationTime, p.updateTime,
                false, true, role, roles, registry.repositoryCount(p.name), p.metadata,
                registry.usedBytes(p.name), p.registryId, allowlists.ofProject(p.id));
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
