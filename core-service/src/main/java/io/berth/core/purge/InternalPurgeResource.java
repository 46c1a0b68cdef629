package io.berth.core.purge;

import io.berth.common.audit.AuditPurge;
import io.berth.common.audit.AuditPurge.Batch;
import io.berth.common.audit.AuditPurge.Done;
import io.berth.common.audit.AuditPurge.Started;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * core's internal audit-log purge API, for jobservice's {@code PURGE_AUDIT_LOG} job only ({@link PurgeCallerCheck};
 * never routed by the gateway, which forwards {@code /service}, {@code /api} and {@code /c} to core): {@code start},
 * then {@code batch} until one answers no {@code next} ({@link AuditPurge}).
 */
@Path(PurgeCallerCheck.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalPurgeResource {
    private final AuditPurger purger;

    InternalPurgeResource(AuditPurger purger) {
        this.purger = purger;
    }

    @POST
    @Path("/start")
    public Started start(AuditPurge.Start start) {
        return purger.start(start);
    }

    @POST
    @Path("/batch")
    public Done batch(Batch batch) {
        return purger.batch(batch);
    }
}
