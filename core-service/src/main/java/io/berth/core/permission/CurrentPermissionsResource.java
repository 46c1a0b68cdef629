package io.berth.core.permission;

import io.berth.core.identity.CurrentCaller;
import io.berth.core.permission.HarborPolicies.Policy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Harbor's {@code GET /api/v2.0/users/current/permissions?scope=&relative=}: what the portal may offer the caller. */
@Path("/api/v2.0/users/current/permissions")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentPermissionsResource {
    private final CurrentPermissions permissions;
    private final CurrentCaller caller;

    CurrentPermissionsResource(CurrentPermissions permissions, CurrentCaller caller) {
        this.permissions = permissions;
        this.caller = caller;
    }

    @GET
    public List<Policy> get(@QueryParam("scope") String scope, @QueryParam("relative") String relative) {
        return permissions.of(caller.authenticated(), scope, relative(relative));
    }

    private static boolean relative(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw io.berth.common.error.HarborException.badRequest("relative must be true or false, not " + value);
    }
}
