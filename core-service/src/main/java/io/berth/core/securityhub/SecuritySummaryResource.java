package io.berth.core.securityhub;

import io.berth.core.api.Params;
import io.berth.core.identity.SysadminOnly;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Harbor's security hub summary ({@code getSecuritySummary}), for system administrators; both top lists are in unless turned off. */
@SysadminOnly
@Path("/api/v2.0/security/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SecuritySummaryResource {
    private final SecurityHubService hub;

    SecuritySummaryResource(SecurityHubService hub) {
        this.hub = hub;
    }

    @GET
    public SecuritySummary summary(@QueryParam("with_dangerous_cve") String withDangerousCve,
            @QueryParam("with_dangerous_artifact") String withDangerousArtifact) {
        return hub.summary(Params.bool("with_dangerous_cve", withDangerousCve, true),
                Params.bool("with_dangerous_artifact", withDangerousArtifact, true));
    }
}
