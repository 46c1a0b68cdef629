package io.berth.core.system;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Another Berth service's readiness endpoint (SmallRye Health's JSON document). */
@Path("/q/health")
public interface HealthApi {

    @GET
    @Path("ready")
    Response ready();
}
