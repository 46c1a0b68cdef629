package io.berth.core.jobs;

import io.berth.common.job.GcRequest;
import io.berth.common.job.PurgeAuditRequest;
import io.berth.common.job.ReplicationRequest;
import io.berth.common.job.RetentionRequest;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.job.ScrubRequest;
import io.berth.common.job.WebhookRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** jobservice's API for core: start a replication execution (jobservice plans its tasks), a garbage collection, an audit-log purge or a scrub, stop an execution, control a queue. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface JobserviceApi {

    @POST
    @Path("/replication/executions")
    Response replicate(@HeaderParam("Authorization") String authorization, ReplicationRequest policy);

    @POST
    @Path("/gc/executions")
    Response collectGarbage(@HeaderParam("Authorization") String authorization, GcRequest request);

    @POST
    @Path("/scrub/executions")
    Response scrub(@HeaderParam("Authorization") String authorization, ScrubRequest request);

    @POST
    @Path("/purgeaudit/executions")
    Response purgeAudit(@HeaderParam("Authorization") String authorization, PurgeAuditRequest request);

    @POST
    @Path("/retention/executions")
    Response retain(@HeaderParam("Authorization") String authorization, RetentionRequest request);

    @POST
    @Path("/webhook/executions")
    Response notify(@HeaderParam("Authorization") String authorization, List<WebhookRequest> requests);

    @POST
    @Path("/scan/executions")
    Response scan(@HeaderParam("Authorization") String authorization, ScanJobRequest request);

    @POST
    @Path("/executions/{id}/stop")
    Response stop(@HeaderParam("Authorization") String authorization, @PathParam("id") long id);

    @PUT
    @Path("/queues/{kind}")
    Response queue(@HeaderParam("Authorization") String authorization, @PathParam("kind") String kind, Map<String, String> action);
}
