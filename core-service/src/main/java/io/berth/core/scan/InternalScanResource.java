package io.berth.core.scan;

import io.berth.common.scan.FinishedScan;
import io.berth.common.token.Audiences;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * core's internal scan API, for jobservice's {@code SCAN} tasks only (a token of {@link Audiences#CORE_SCAN},
 * {@link ScanCallerCheck}): {@code POST /internal/scan/reports} stores a finished report ({@link FinishedScan}), 204.
 */
@Path(FinishedScan.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalScanResource {
    private final ScanService scans;

    InternalScanResource(ScanService scans) {
        this.scans = scans;
    }

    @POST
    @Path("reports")
    public Response store(FinishedScan finished) {
        scans.store(finished);
        return Response.noContent().build();
    }
}
