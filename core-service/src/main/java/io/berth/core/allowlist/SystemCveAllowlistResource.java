package io.berth.core.allowlist;

import io.berth.core.identity.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v2.0/system/CVEAllowlist}: Harbor's system CVE allowlist; signed-in users read it, system administrators replace it. */
@Path("/api/v2.0/system/CVEAllowlist")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SystemCveAllowlistResource {
    private final CurrentCaller caller;
    private final CveAllowlistService allowlists;

    SystemCveAllowlistResource(CurrentCaller caller, CveAllowlistService allowlists) {
        this.caller = caller;
        this.allowlists = allowlists;
    }

    @GET
    public CveAllowlist get() {
        caller.authenticated();
        return allowlists.system();
    }

    @PUT
    public Response put(CveAllowlistRequest request) {
        caller.sysadmin();
        allowlists.replaceSystem(request);
        return Response.ok().build();
    }
}
