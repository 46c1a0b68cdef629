package io.berth.core.scanner;

import io.berth.common.scan.AdapterMetadata;
import io.berth.core.api.Paging;
import io.berth.core.identity.SysadminOnly;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v2.0/scanners}: Harbor's scanner registrations, for system administrators ({@link ScannerService}). */
@SysadminOnly
@Path("/api/v2.0/scanners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScannerResource {
    /** Body of {@code PATCH /scanners/{id}}. */
    public record IsDefault(Boolean isDefault) {}

    private final ScannerService scanners;

    ScannerResource(ScannerService scanners) {
        this.scanners = scanners;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(scanners.list(q, paging, false), uri);
    }

    @POST
    public Response create(ScannerRequest request) {
        return Response.status(201).header("Location", "/api/v2.0/scanners/" + scanners.create(request).uuid).build();
    }

    @GET
    @Path("/{registration_id}")
    public ScannerJson get(@PathParam("registration_id") String uuid) {
        return ScannerJson.of(scanners.find(uuid));
    }

    @PUT
    @Path("/{registration_id}")
    public Response update(@PathParam("registration_id") String uuid, ScannerRequest request) {
        scanners.update(uuid, request);
        return Response.ok().build();
    }

    /** Harbor answers the deleted registration. */
    @DELETE
    @Path("/{registration_id}")
    public ScannerJson delete(@PathParam("registration_id") String uuid) {
        return scanners.delete(uuid);
    }

    @PATCH
    @Path("/{registration_id}")
    public Response setDefault(@PathParam("registration_id") String uuid, IsDefault request) {
        scanners.setDefault(uuid, request == null ? null : request.isDefault());
        return Response.ok().build();
    }

    @GET
    @Path("/{registration_id}/metadata")
    public AdapterMetadata metadata(@PathParam("registration_id") String uuid) {
        return scanners.metadata(scanners.find(uuid));
    }

    @POST
    @Path("/ping")
    public Response ping(ScannerRequest request) {
        scanners.ping(request);
        return Response.ok().build();
    }
}
