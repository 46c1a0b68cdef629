package io.berth.core.auth;

import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.oidc.OidcLoginFlow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The portal's OIDC login ({@link OidcLoginFlow}): {@code GET /c/oidc/login[?redirect_url=/path]} sends the browser to
 * the provider; {@code GET /c/oidc/callback} comes back from it and opens a portal session as {@code POST /c/login}
 * does, or sends a new user to the portal's {@code /oidc-onboard?username=} page, which posts the chosen name to
 * {@code POST /c/oidc/onboard} ({@code {"username": …}}), as Harbor's portal does.
 */
@Path("/c/oidc")
public class OidcLoginResource {
    static final String STATE_COOKIE = "oidc_state";
    static final String ONBOARDING_COOKIE = "oidc_onboarding";

    /** Harbor's onboarding request. */
    public record OnboardRequest(String username) {}

    private final OidcLoginFlow flow;
    private final Sessions sessions;
    private final CurrentCaller current;
    private final AuditLog audit;

    OidcLoginResource(OidcLoginFlow flow, Sessions sessions, CurrentCaller current, AuditLog audit) {
        this.flow = flow;
        this.sessions = sessions;
        this.current = current;
        this.audit = audit;
    }

    @GET
    @Path("/login")
    public Response login(@QueryParam("redirect_url") String redirect) {
        OidcLoginFlow.Started started = flow.begin(redirect);
        // SameSite=Lax: the cookie must come back with the provider's top-level redirect to the callback
        return Response.status(302).location(URI.create(started.authorizationUrl()))
                .cookie(flowCookie(STATE_COOKIE, started.state(), OidcLoginFlow.LOGIN_TTL.toSeconds(), NewCookie.SameSite.LAX)).build();
    }

    /** Redirects within Berth carry a path (JAX-RS would make {@code location()} absolute with core's own address, not the gateway's). */
    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
            @QueryParam("error_description") String errorDescription, @CookieParam(STATE_COOKIE) String cookieState) {
        Map<String, String> callback = new HashMap<>();
        callback.put("code", code);
        callback.put("state", state);
        callback.put("error", error);
        callback.put("error_description", errorDescription);
        OidcLoginFlow.Outcome outcome = flow.complete(callback, cookieState, current.clientAddress());
        NewCookie noState = flowCookie(STATE_COOKIE, "", 0, NewCookie.SameSite.LAX);
        if (outcome.caller() == null) {
            String onboardPage = "/oidc-onboard" + (outcome.suggestedName() == null ? ""
                    : "?username=" + URLEncoder.encode(outcome.suggestedName(), StandardCharsets.UTF_8));
            return Response.status(302).header("Location", onboardPage).cookie(noState, flowCookie(ONBOARDING_COOKIE,
                    outcome.onboardingTicket(), OidcLoginFlow.ONBOARDING_TTL.toSeconds(), NewCookie.SameSite.STRICT)).build();
        }
        Map<String, String> session = open(outcome.caller());
        return Response.status(302).header("Location", outcome.redirect()).cookie(noState, Sessions.cookie(session.get("id")))
                .header(Sessions.CSRF_HEADER, session.get("csrf")).build();
    }

    @POST
    @Path("/onboard")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response onboard(OnboardRequest request, @CookieParam(ONBOARDING_COOKIE) String ticket) {
        if (request == null || request.username() == null) {
            throw HarborException.badRequest("a body {\"username\": \"…\"} is required");
        }
        Caller caller = flow.onboard(ticket, request.username(), current.clientAddress());
        Map<String, String> session = open(caller);
        return Response.ok().cookie(flowCookie(ONBOARDING_COOKIE, "", 0, NewCookie.SameSite.STRICT), Sessions.cookie(session.get("id")))
                .header(Sessions.CSRF_HEADER, session.get("csrf")).build();
    }

    private Map<String, String> open(Caller caller) {
        Map<String, String> session = sessions.open(caller);
        audit.record(caller.name(), null, caller.name(), "user", "login", "success: OIDC", current.clientAddress());
        return session;
    }

    private static NewCookie flowCookie(String name, String value, long maxAgeSeconds, NewCookie.SameSite sameSite) {
        return new NewCookie.Builder(name).value(value).path("/c/oidc").httpOnly(true).maxAge((int) maxAgeSeconds).sameSite(sameSite)
                .build();
    }
}
