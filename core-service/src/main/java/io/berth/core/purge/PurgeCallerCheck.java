package io.berth.core.purge;

import io.berth.common.token.Audiences;
import io.berth.core.internal.InternalCallers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Only jobservice may call {@link InternalPurgeResource}: with a short-lived token for the audience
 * {@link Audiences#CORE_AUDIT_PURGE} ({@link InternalCallers}).
 */
@ApplicationScoped
public class PurgeCallerCheck {
    static final String PATH = "/internal/audit/purge";

    private final InternalCallers callers;

    PurgeCallerCheck(InternalCallers callers) {
        this.callers = callers;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        return callers.check(request, PATH, Audiences.CORE_AUDIT_PURGE);
    }
}
