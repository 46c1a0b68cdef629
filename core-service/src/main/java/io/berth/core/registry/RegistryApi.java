package io.berth.core.registry;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The part of registry-service's HTTP API core calls: manifest writes and deletes (core never
 * writes registry's tables itself). Repository names go in {@link Encoded} so their
 * slashes stay path separators.
 */
@Path("/")
public interface RegistryApi {

    @DELETE
    @Path("v2/{name}/manifests/{reference}")
    Response deleteManifest(@Encoded @PathParam("name") String name, @PathParam("reference") String reference,
            @HeaderParam("Authorization") String authorization);

    @PUT
    @Path("v2/{name}/manifests/{reference}")
    @Consumes("*/*")
    Response putManifest(@Encoded @PathParam("name") String name, @PathParam("reference") String reference,
            @HeaderParam("Authorization") String authorization, @HeaderParam("Content-Type") String mediaType, byte[] content);
}
