package io.berth.core.configuration;

import io.berth.core.identity.SysadminOnly;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Harbor's {@code /api/v2.0/configurations}: every setting Berth acts on as {@code {key: {value, editable}}}, for system administrators. */
@Path("/api/v2.0/configurations")
@Produces(MediaType.APPLICATION_JSON)
@SysadminOnly
public class ConfigurationResource {
    private final Configurations configurations;

    ConfigurationResource(Configurations configurations) {
        this.configurations = configurations;
    }

    @GET
    public Map<String, Configurations.Entry> get() {
        return configurations.all();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(Map<String, Object> changes) {
        configurations.update(changes);
        return Response.ok().build(); // Harbor answers 200
    }
}
