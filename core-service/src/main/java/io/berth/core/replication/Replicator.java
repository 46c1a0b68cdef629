package io.berth.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.JobserviceConfig;
import io.berth.common.error.ErrorBodies;
import io.berth.common.job.ReplicationRequest;
import io.berth.common.token.Audiences;
import io.berth.common.error.HarborException;
import io.berth.core.project.ProjectService;
import io.berth.core.token.TokenIssuer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts and stops replication executions on jobservice. A policy is sent as a snapshot (later
 * edits do not change a running execution); an event-triggered run names the one artifact.
 */
@ApplicationScoped
public class Replicator {
    private static final Logger LOG = Logger.getLogger(Replicator.class);

    private final JobserviceApi jobservice;
    private final ObjectMapper json;
    private final TokenIssuer tokens;
    private final ProjectService projects;

    Replicator(JobserviceConfig config, ObjectMapper json, TokenIssuer tokens, ProjectService projects) {
        this.tokens = tokens;
        this.projects = projects;
        this.jobservice = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(config.url()))
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(5, TimeUnit.MINUTES)
                .property("microprofile.rest.client.disable.default.mapper", true).build(JobserviceApi.class);
        this.json = json;
    }

    /** An artifact an event concerns. */
    public record Resource(String repository, String tag, boolean deleted, String digest) {}

    /** Runs {@code policy} now; the new execution's id. */
    public long run(ReplicationPolicy policy, String trigger, Resource resource) {
        ReplicationRequest snapshot = new ReplicationRequest(policy.id, policy.srcRegistryId, policy.destRegistryId,
                policy.destNamespace, policy.destNamespaceReplaceCount,
                policy.filters.stream().filter(f -> f.value() instanceof String || f.value() instanceof List)
                        .map(f -> new ReplicationRequest.Filter(f.type(), f.value(), f.decoration() == null ? "matches" : f.decoration()))
                        .toList(),
                policy.override, policy.speed, policy.copyByChunk, trigger,
                resource == null ? null : new ReplicationRequest.Resource(resource.repository(),
                        resource.tag() == null ? "" : resource.tag(), resource.deleted(), resource.digest() == null ? "" : resource.digest()));
        try (Response response = jobservice.replicate(bearer(), snapshot)) {
            JsonNode body = json.readTree(response.readEntity(String.class));
            if (response.getStatus() != 201) {
                String message = ErrorBodies.firstMessage(body, "jobservice answered " + response.getStatus());
                throw response.getStatus() == 400 ? HarborException.badRequest(message) : new HarborException(502, "BAD_GATEWAY", message);
            }
            createProjects(body.path("dest_projects"));
            return body.path("id").asLong();
        } catch (ProcessingException e) {
            LOG.warnf("jobservice unreachable: %s", e.getMessage());
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "jobservice is not answering; try again");
        } catch (java.io.IOException e) {
            throw new HarborException(502, "BAD_GATEWAY", "jobservice answered something else than JSON");
        }
    }

    /** A pull-based execution writes into these projects of this Berth: those missing are created. */
    private void createProjects(JsonNode names) {
        for (JsonNode name : names) {
            try {
                projects.createIfMissing(name.asText());
            } catch (RuntimeException e) {
                if (projects.byName(name.asText()) == null) { // else another replica created it meanwhile
                    LOG.warnf("cannot create project %s for a pull-based replication: %s", name.asText(), e.getMessage());
                }
            }
        }
    }

    /** Pauses, resumes or stops (its pending tasks) the queue of a job kind. */
    public void queue(String kind, String action) {
        try (Response response = jobservice.queue(bearer(), kind, Map.of("action", action))) {
            if (response.getStatus() == 400) {
                throw HarborException.badRequest(ErrorBodies.firstMessage(json.readTree(response.readEntity(String.class)),
                        "jobservice refused the request"));
            }
            if (response.getStatus() != 200) {
                throw new HarborException(502, "BAD_GATEWAY", "jobservice answered " + response.getStatus());
            }
        } catch (ProcessingException e) {
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "jobservice is not answering; try again");
        } catch (java.io.IOException e) {
            throw new HarborException(502, "BAD_GATEWAY", "jobservice answered something else than JSON");
        }
    }

    /** What jobservice requires of its callers: a token of core's key for its audience. */
    private String bearer() {
        return "Bearer " + tokens.issue("core-service", Audiences.JOBSERVICE, List.of()).token();
    }

    /** Asks jobservice to stop an execution; false if it does not know it. */
    public boolean stop(long executionId) {
        try (Response response = jobservice.stop(bearer(), executionId)) {
            return response.getStatus() == 200;
        } catch (ProcessingException e) {
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "jobservice is not answering; try again");
        }
    }
}
