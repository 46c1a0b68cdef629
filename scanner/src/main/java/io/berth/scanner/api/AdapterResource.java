package io.berth.scanner.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.scanner.scan.Scan;
import io.berth.scanner.scan.ScanService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Harbor's Pluggable Scanner Adapter API (v1.1, with v1.2's SBOM capability): {@code GET /api/v1/metadata},
 * {@code POST /api/v1/scan} (202 and the scan's id), {@code GET /api/v1/scan/{id}/report} (302 with
 * {@code Refresh-After} while the scan runs, the report in the type {@code Accept} names once it is done, 500 with
 * the reason when it failed, 404 for an unknown or expired id). Errors in the spec's {@code {"error":{"message"}}}.
 */
@Path("/api/v1")
public class AdapterResource {
    private static final int MAX_REQUEST = 64 * 1024;
    private static final int REFRESH_AFTER_SECONDS = 2;

    private final ScanService scans;
    private final ScanRequests requests;
    private final Reports reports;
    private final ObjectMapper json;

    public AdapterResource(ScanService scans, ScanRequests requests, Reports reports, ObjectMapper json) {
        this.scans = scans;
        this.requests = requests;
        this.reports = reports;
        this.json = json;
    }

    @GET
    @Path("/metadata")
    public Response metadata() {
        return Response.ok(write(reports.metadata())).type(ReportTypes.METADATA).build();
    }

    @POST
    @Path("/scan")
    @Consumes(MediaType.WILDCARD)
    public Response scan(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_REQUEST + 1);
        if (bytes.length > MAX_REQUEST) {
            throw new AdapterException(400, "the scan request is larger than " + MAX_REQUEST + " bytes");
        }
        ScanRequests.Valid valid = requests.parse(bytes);
        Scan scan;
        try {
            scan = scans.submit(valid.request(), valid.capabilities(), valid.sbomFormats());
        } catch (RejectedExecutionException e) {
            return Response.fromResponse(AdapterErrors.body(503, "the scanner is busy: too many scans are waiting; try again later"))
                    .header("Retry-After", 30).build();
        }
        return Response.accepted(write(Map.of("id", scan.id()))).type(ReportTypes.SCAN_RESPONSE).build();
    }

    @GET
    @Path("/scan/{id}/report")
    public Response report(@PathParam("id") String id, @HeaderParam("Accept") String accept,
            @QueryParam("sbom_media_type") String sbomMediaType, @Context UriInfo uri) {
        Scan scan = scans.find(id).orElseThrow(() -> new AdapterException(404, "no scan " + id + " (unknown, or its report expired)"));
        Reports.Rendering rendering = reports.choose(scan, accept, sbomMediaType);
        return switch (scan.state()) {
            case QUEUED, RUNNING -> Response.status(302).location(uri.getRequestUri())
                    .header("Refresh-After", REFRESH_AFTER_SECONDS).header("Retry-After", REFRESH_AFTER_SECONDS).build();
            case FAILED -> AdapterErrors.body(500, scan.failure());
            case SUCCEEDED -> Response.ok(write(rendering.render(scan))).type(rendering.mimeType()).build();
        };
    }

    /** JSON text, whatever the (vendor) media type the answer carries: no body writer is chosen by type. */
    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write the answer as JSON", e);
        }
    }
}
