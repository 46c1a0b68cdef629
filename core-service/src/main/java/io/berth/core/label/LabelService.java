package io.berth.core.label;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Labels: global ones, which system administrators manage and everyone signed in sees, and project
 * ones, managed by the project's admins and maintainers and seen by who may read the project; and
 * which artifacts carry them (a global label, or one of the artifact's own project).
 */
@ApplicationScoped
public class LabelService {
    private static final int MAX_NAME = 128;
    private static final String UNIQUE_VIOLATION = "23505";

    /** Body of create and update; scope and project are fixed at creation. */
    public record LabelRequest(String name, String description, String color, String scope, Long projectId) {}

    private final CurrentCaller current;
    private final ProjectAccess access;
    private final ArtifactLabels artifactLabels;

    LabelService(CurrentCaller current, ProjectAccess access, ArtifactLabels artifactLabels) {
        this.current = current;
        this.access = access;
        this.artifactLabels = artifactLabels;
    }

    /** The global labels ({@code scope} g or none) or those of a project (p, with its id), by name; {@code name} a part of theirs. */
    public Page<Label.View> list(String scope, Long projectId, String name, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where;
        if (scope == null || Label.GLOBAL.equals(scope)) {
            where = "scope = :scope";
            params.put("scope", Label.GLOBAL);
        } else if (Label.PROJECT.equals(scope)) {
            if (projectId == null) {
                throw HarborException.badRequest("project labels are listed with a project_id");
            }
            access.visible(projectId.toString(), false, Action.READ_PROJECT);
            where = "scope = :scope and projectId = :project";
            params.put("scope", Label.PROJECT);
            params.put("project", projectId);
        } else {
            throw HarborException.badRequest("scope is g (global) or p (project), not " + scope);
        }
        if (name != null && !name.isBlank()) {
            where += " and lower(name) like :name";
            params.put("name", Query.contains(name.toLowerCase()));
        }
        return Page.of(Label.<Label>find(where, Sort.by("name").and("id"), params), paging, Label::view);
    }

    @Transactional
    public Label create(LabelRequest request) {
        if (request == null) {
            throw HarborException.badRequest("a label is required");
        }
        Label label = new Label();
        label.scope = request.scope() == null ? Label.GLOBAL : request.scope();
        if (Label.GLOBAL.equals(label.scope)) {
            current.sysadmin();
        } else if (Label.PROJECT.equals(label.scope)) {
            if (request.projectId() == null) {
                throw HarborException.badRequest("a project label needs project_id");
            }
            label.projectId = access.visible(request.projectId().toString(), false, Action.MANAGE_LABELS).id;
        } else {
            throw HarborException.badRequest("scope is g (global) or p (project), not " + label.scope);
        }
        apply(label, request);
        return label;
    }

    /** Harbor's PUT: name, description and color, those left out kept. */
    @Transactional
    public void update(long id, LabelRequest request) {
        if (request == null) {
            throw HarborException.badRequest("a label is required");
        }
        Label label = writable(id);
        apply(label, new LabelRequest(request.name() == null ? label.name : request.name(),
                request.description() == null ? label.description : request.description(),
                request.color() == null ? label.color : request.color(), null, null));
    }

    /** Deletes the label, which takes it off every artifact. */
    @Transactional
    public void delete(long id) {
        writable(id).delete();
    }

    /** The label, if the caller may see it: global ones to anyone signed in, project ones to who may read the project. */
    public Label readable(long id) {
        current.authenticated();
        Label label = HarborException.found(Label.findById(id), "label " + id);
        if (Label.PROJECT.equals(label.scope)) {
            access.visible(label.projectId.toString(), false, Action.READ_PROJECT);
        }
        return label;
    }

    /** Puts a label the caller may see on an artifact of project {@code projectId}; 400 for another project's label, 409 if it is there. */
    @Transactional
    public void attach(long labelId, long projectId, String repository, String digest) {
        Label label = readable(labelId);
        if (Label.PROJECT.equals(label.scope) && label.projectId != projectId) {
            throw HarborException.badRequest("label " + label.name + " belongs to another project");
        }
        if (!artifactLabels.add(label.id, repository, digest)) {
            throw HarborException.conflict("artifact " + digest + " already has the label " + label.name);
        }
    }

    /** Takes a label off an artifact; 404 if it does not carry it. */
    @Transactional
    public void detach(long labelId, String repository, String digest) {
        if (!artifactLabels.remove(labelId, repository, digest)) {
            throw HarborException.notFound("artifact " + digest + " has no label " + labelId);
        }
    }

    private Label writable(long id) {
        Label label = readable(id);
        if (Label.GLOBAL.equals(label.scope)) {
            current.sysadmin();
        } else {
            access.visible(label.projectId.toString(), false, Action.MANAGE_LABELS);
        }
        return label;
    }

    private static void apply(Label label, LabelRequest request) {
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw HarborException.badRequest("a label name is 1 to " + MAX_NAME + " characters");
        }
        label.name = name;
        label.description = request.description() == null ? "" : request.description();
        label.color = request.color() == null ? "" : request.color();
        try {
            label.persistAndFlush();
        } catch (ConstraintViolationException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // the unique index on (name, scope, project) decides, also between two requests at once
                throw HarborException.conflict("a label named " + name + " already exists here");
            }
            throw e;
        }
    }
}
