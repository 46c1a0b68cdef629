package io.berth.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.JobserviceConfig;
import io.berth.common.error.ErrorBodies;
import io.berth.common.error.HarborException;
import io.berth.common.job.GcRequest;
import io.berth.common.job.PurgeAuditRequest;
import io.berth.common.job.ReplicationRequest;
import io.berth.common.job.RetentionRequest;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.job.ScrubRequest;
import io.berth.common.job.WebhookRequest;
import io.berth.common.token.Audiences;
import io.berth.core.token.TokenIssuer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * core's one way to jobservice ({@link JobserviceApi}, with a token of core's key for jobservice's audience): start
 * a replication, a garbage collection, an audit-log purge or a scrub, stop an execution, act on a queue. jobservice's refusals become Harbor's
 * errors (400 stays 400, 409 stays 409, anything else 502); no answer is a 503.
 */
@ApplicationScoped
public class Jobservice {
    private static final Logger LOG = Logger.getLogger(Jobservice.class);

    private final JobserviceApi api;
    private final ObjectMapper json;
    private final TokenIssuer tokens;

    Jobservice(JobserviceConfig config, ObjectMapper json, TokenIssuer tokens) {
        this.api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(config.url())).connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.MINUTES).property("microprofile.rest.client.disable.default.mapper", true).build(JobserviceApi.class);
        this.json = json;
        this.tokens = tokens;
    }

    /** Starts a replication; jobservice's answer (its {@code id} and, for a pull, the {@code dest_projects}). */
    public JsonNode replicate(ReplicationRequest request) {
        return created(() -> api.replicate(bearer(), request));
    }

    /** Starts a garbage collection; the new execution's id (409 while one runs). */
    public long collectGarbage(GcRequest request) {
        return created(() -> api.collectGarbage(bearer(), request)).path("id").asLong();
    }

    /** Starts a scrub of the stored blobs; the new execution's id (409 while one runs). */
    public long scrub(ScrubRequest request) {
        return created(() -> api.scrub(bearer(), request)).path("id").asLong();
    }

    /** Starts an audit-log purge; the new execution's id (409 while one runs). */
    public long purgeAudit(PurgeAuditRequest request) {
        return created(() -> api.purgeAudit(bearer(), request)).path("id").asLong();
    }

    /** Starts a run of a tag retention policy (one task per repository); the new execution's id. */
    public long retain(RetentionRequest request) {
        return created(() -> api.retain(bearer(), request)).path("id").asLong();
    }

    /** Starts a scan (one artifact) or a scan-all; the new execution's id. */
    public long scan(ScanJobRequest request) {
        return created(() -> api.scan(bearer(), request)).path("id").asLong();
    }

    /** Records webhook deliveries (one execution per request), all or none. */
    public void notify(List<WebhookRequest> requests) {
        created(() -> api.notify(bearer(), requests));
    }

    /** Asks jobservice to stop an execution; false if it does not know it. */
    public boolean stop(long executionId) {
        try (Response response = api.stop(bearer(), executionId)) {
            return response.getStatus() == 200;
        } catch (ProcessingException e) {
            throw unreachable(e);
        }
    }

    /** Pauses, resumes or stops (its pending tasks) the queue of a job kind. */
    public void queue(String kind, String action) {
        try (Response response = api.queue(bearer(), kind, Map.of("action", action))) {
            if (response.getStatus() != 200) {
                throw refusal(response);
            }
        } catch (ProcessingException e) {
            throw unreachable(e);
        }
    }

    private JsonNode created(Supplier<Response> call) {
        try (Response response = call.get()) {
            if (response.getStatus() != 201) {
                throw refusal(response);
            }
            return json.readTree(response.readEntity(String.class));
        } catch (ProcessingException e) {
            throw unreachable(e);
        } catch (IOException e) {
            throw new HarborException(502, "BAD_GATEWAY", "jobservice answered something else than JSON");
        }
    }

    private HarborException refusal(Response response) {
        String message;
        try {
            message = ErrorBodies.firstMessage(json.readTree(response.readEntity(String.class)), "jobservice answered " + response.getStatus());
        } catch (IOException | RuntimeException e) {
            message = "jobservice answered " + response.getStatus();
        }
        return switch (response.getStatus()) {
            case 400 -> HarborException.badRequest(message);
            case 409 -> HarborException.conflict(message);
            default -> new HarborException(502, "BAD_GATEWAY", message);
        };
    }

    private static HarborException unreachable(ProcessingException e) {
        LOG.warnf("jobservice unreachable: %s", e.getMessage());
        return new HarborException(503, "SERVICE_UNAVAILABLE", "jobservice is not answering; try again");
    }

    /** What jobservice requires of its callers: a token of core's key for its audience. */
    private String bearer() {
        return "Bearer " + tokens.issue("core-service", Audiences.JOBSERVICE, List.of()).token();
    }
}
