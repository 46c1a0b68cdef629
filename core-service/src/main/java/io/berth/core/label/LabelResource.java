package io.berth.core.label;

import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.ProjectResource;
import io.berth.core.rbac.Action;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Harbor's {@code /api/v2.0/labels}: global labels, which system administrators manage and everyone
 * signed in sees, and project labels, managed by the project's admins and maintainers.
 */
@Path("/api/v2.0/labels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LabelResource {
    private static final int MAX_NAME = 128;
    private static final String UNIQUE_VIOLATION = "23505";

    /** Body of create and update; scope and project are fixed at creation. */
    public record LabelRequest(String name, String description, String color, String scope, Long projectId) {}

    private final CurrentCaller current;
    private final ProjectResource projects;

    LabelResource(CurrentCaller current, ProjectResource projects) {
        this.current = current;
        this.projects = projects;
    }

    @GET
    public Response list(@QueryParam("scope") String scope, @QueryParam("project_id") Long projectId, @QueryParam("name") String name,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        current.authenticated();
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        String where;
        if (scope == null || Label.GLOBAL.equals(scope)) {
            where = "scope = :scope";
            params.put("scope", Label.GLOBAL);
        } else if (Label.PROJECT.equals(scope)) {
            if (projectId == null) {
                throw HarborException.badRequest("project labels are listed with a project_id");
            }
            projects.visible(projectId.toString(), false, Action.READ_PROJECT);
            where = "scope = :scope and projectId = :project";
            params.put("scope", Label.PROJECT);
            params.put("project", projectId);
        } else {
            throw HarborException.badRequest("scope is g (global) or p (project), not " + scope);
        }
        if (name != null && !name.isBlank()) {
            where += " and lower(name) like :name";
            params.put("name", "%" + name.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        List<Label.View> labels = Label.<Label>find(where, Sort.by("name").and("id"), params).page(paging.page() - 1, paging.pageSize())
                .list().stream().map(Label::view).toList();
        return paging.response(labels, Label.count(where, params), uri);
    }

    @GET
    @Path("/{id}")
    public Label.View get(@PathParam("id") long id) {
        return readable(id).view();
    }

    @POST
    @Transactional
    public Response create(LabelRequest request) {
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
            label.projectId = projects.visible(request.projectId().toString(), false, Action.MANAGE_LABELS).id;
        } else {
            throw HarborException.badRequest("scope is g (global) or p (project), not " + label.scope);
        }
        apply(label, request);
        return Response.status(201).header("Location", "/api/v2.0/labels/" + label.id).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public Response update(@PathParam("id") long id, LabelRequest request) {
        if (request == null) {
            throw HarborException.badRequest("a label is required");
        }
        Label label = writable(id);
        apply(label, new LabelRequest(request.name() == null ? label.name : request.name(),
                request.description() == null ? label.description : request.description(),
                request.color() == null ? label.color : request.color(), null, null));
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        writable(id).delete();
        return Response.ok().build();
    }

    /** The label, if the caller may see it: global ones to anyone signed in, project ones to who may read the project. */
    Label readable(long id) {
        current.authenticated();
        Label label = Label.findById(id);
        if (label == null) {
            throw HarborException.notFound("label " + id + " not found");
        }
        if (Label.PROJECT.equals(label.scope)) {
            projects.visible(label.projectId.toString(), false, Action.READ_PROJECT);
        }
        return label;
    }

    private Label writable(long id) {
        Label label = readable(id);
        if (Label.GLOBAL.equals(label.scope)) {
            current.sysadmin();
        } else {
            projects.visible(label.projectId.toString(), false, Action.MANAGE_LABELS);
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
