package io.berth.core.oidc;

import io.berth.common.error.HarborException;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Harbor's {@code PUT /api/v2.0/users/{id}/cli_secret} ({@code {"secret": …}}): by the user themself or a system administrator. */
@Path("/api/v2.0/users/{id}/cli_secret")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CliSecretResource {
    /** Harbor's OIDCCliSecretReq. */
    public record SecretRequest(String secret) {}

    private final CliSecrets secrets;
    private final CurrentCaller current;

    CliSecretResource(CliSecrets secrets, CurrentCaller current) {
        this.secrets = secrets;
        this.current = current;
    }

    @PUT
    public Response set(@PathParam("id") long id, SecretRequest request) {
        Caller caller = current.authenticated();
        if (!caller.sysadmin() && !(caller.isUser() && caller.id() == id)) {
            throw HarborException.forbidden("only the user themselves or a system administrator may do this");
        }
        if (request == null || request.secret() == null) {
            throw HarborException.badRequest("a body {\"secret\": \"…\"} is required");
        }
        secrets.set(id, request.secret());
        return Response.ok().build();
    }
}
