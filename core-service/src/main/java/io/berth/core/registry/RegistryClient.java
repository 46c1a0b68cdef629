package io.berth.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.BerthConfig;
import io.berth.common.error.ErrorBodies;
import io.berth.common.scope.Scope;
import io.berth.common.error.HarborException;
import io.berth.core.identity.Caller;
import io.berth.core.token.TokenIssuer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Changes to registry content made through registry-service's own API, so that they take the same
 * path as a client's: same checks, same transaction, same events (and so the same audit entries,
 * in the caller's name). Core signs a token for the caller with exactly the access the change needs;
 * it has checked the caller's rights itself before.
 */
@ApplicationScoped
public class RegistryClient {
    private static final Logger LOG = Logger.getLogger(RegistryClient.class);

    private final RegistryApi api;
    private final TokenIssuer tokens;
    private final String service;
    private final ObjectMapper json;

    RegistryClient(BerthConfig config, TokenIssuer tokens, ObjectMapper json) {
        this.json = json;
        this.api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(config.registry().url()))
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(RegistryApi.class);
        this.tokens = tokens;
        this.service = config.token().service();
    }

    /** Deletes a manifest by digest (with its tags), or one tag; 404 if there is no such thing, 409 while an index lists it. */
    public void delete(Caller caller, String repository, String reference) {
        call("delete " + repository + ":" + reference, () -> api.deleteManifest(repository, reference,
                bearer(caller, repository, Scope.DELETE)));
    }

    /** Pushes a manifest's exact bytes under {@code tag}. */
    public void tag(Caller caller, String repository, String tag, String mediaType, byte[] content) {
        call("tag " + repository + ":" + tag, () -> api.putManifest(repository, tag,
                bearer(caller, repository, Scope.PULL, Scope.PUSH), mediaType, content));
    }

    private String bearer(Caller caller, String repository, String... actions) {
        return "Bearer " + tokens.issue(caller.name(), service, List.of(Scope.repository(repository, actions))).token();
    }

    private void call(String what, java.util.function.Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException e) {
            LOG.warnf("registry-service unreachable to %s: %s", what, e.getMessage());
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "registry-service is not answering; try again");
        }
        try (response) {
            int status = response.getStatus();
            if (status < 300) {
                return;
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            switch (status) {
                case 404 -> throw HarborException.notFound(what + ": not found");
                case 409 -> throw HarborException.conflict(what + ": " + message(body));
                case 400 -> throw HarborException.badRequest(what + ": " + message(body));
                default -> {
                    LOG.errorf("registry-service answered %d to %s: %s", status, what, body);
                    throw new HarborException(500, "UNKNOWN", "registry-service refused to " + what);
                }
            }
        }
    }

    /** The first message of an OCI error body, or the body itself. */
    private static String message(String body) {
        return ErrorBodies.firstMessage(body, body);
    }
}
