package io.berth.core.scan;

import io.berth.common.scan.FinishedScan;
import io.berth.common.token.Audiences;
import io.berth.core.internal.InternalCallers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Only jobservice may call {@link InternalScanResource}: with a short-lived token for {@link Audiences#CORE_SCAN} ({@link InternalCallers}). */
@ApplicationScoped
public class ScanCallerCheck {
    private final InternalCallers callers;

    ScanCallerCheck(InternalCallers callers) {
        this.callers = callers;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        return callers.check(request, FinishedScan.PATH, Audiences.CORE_SCAN);
    }
}
