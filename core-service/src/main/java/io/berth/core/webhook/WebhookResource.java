package io.berth.core.webhook;

import io.berth.core.api.Paging;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import io.berth.core.webhook.WebhookPolicy.View;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/**
 * {@code /api/v2.0/projects/{project_name_or_id}/webhook/…}: Harbor's webhook policies, the event types Berth sends,
 * each policy's executions, tasks and logs, and the last trigger of each policy. Project administrators only.
 */
@Path("/api/v2.0/projects/{project}/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {
    private final ProjectAccess access;
    private final WebhookService policies;
    private final WebhookExecutions executions;

    WebhookResource(ProjectAccess access, WebhookService policies, WebhookExecutions executions) {
        this.access = access;
        this.policies = policies;
        this.executions = executions;
    }

    private Project project(String reference, boolean isName) {
        return access.visible(reference, isName, Action.MANAGE_WEBHOOKS);
    }

    @GET
    @Path("/policies")
    public Response list(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = project(reference, isName);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(policies.list(project, paging), uri);
    }

    /** 201 with the policy's Location, and the policy with its signing {@code secret} in the body (shown this once). */
    @POST
    @Path("/policies")
    public Response create(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName, View request) {
        Project project = project(reference, isName);
        View created = policies.create(project, request);
        return Response.status(201).header("Location", "/api/v2.0/projects/" + project.id + "/webhook/policies/" + created.id())
                .entity(created).build();
    }

    @GET
    @Path("/policies/{id}")
    public View get(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName, @PathParam("id") long id) {
        return policies.get(project(reference, isName), id);
    }

    @PUT
    @Path("/policies/{id}")
    public Response update(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id, View request) {
        policies.update(project(reference, isName), id, request);
        return Response.ok().build();
    }

    @DELETE
    @Path("/policies/{id}")
    public Response delete(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id) {
        policies.delete(project(reference, isName), id);
        return Response.ok().build();
    }

    @GET
    @Path("/policies/{id}/executions")
    public Response executions(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id, @QueryParam("status") String status, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(executions.executions(project(reference, isName), id, status, paging), uri);
    }

    @GET
    @Path("/policies/{id}/executions/{eid}/tasks")
    public Response tasks(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id, @PathParam("eid") long executionId, @QueryParam("status") String status,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(executions.tasks(project(reference, isName), id, executionId, status, paging), uri);
    }

    @GET
    @Path("/policies/{id}/executions/{eid}/tasks/{tid}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id, @PathParam("eid") long executionId, @PathParam("tid") long taskId) {
        return executions.log(project(reference, isName), id, executionId, taskId);
    }

    @GET
    @Path("/events")
    public Object events(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        project(reference, isName);
        return policies.supported();
    }

    @GET
    @Path("/lasttrigger")
    public Object lastTrigger(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        return executions.lastTriggers(project(reference, isName));
    }
}
