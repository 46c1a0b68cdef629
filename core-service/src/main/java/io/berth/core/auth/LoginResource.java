package io.berth.core.auth;

import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** The portal's login: {@code POST /c/login} (form {@code principal}, {@code password}) and {@code GET /c/log_out}. */
@Path("/c")
public class LoginResource {
    private final Authenticator authenticator;
    private final Sessions sessions;
    private final CurrentCaller current;
    private final AuditLog audit;

    LoginResource(Authenticator authenticator, Sessions sessions, CurrentCaller current, AuditLog audit) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.current = current;
        this.audit = audit;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("principal") String principal, @FormParam("password") String password) {
        Caller caller = authenticator.login(principal, password, current.clientAddress());
        if (!caller.isUser()) {
            throw HarborException.forbidden("robot accounts cannot log in to the portal");
        }
        var session = sessions.open(caller);
        audit.record(caller.name(), null, caller.name(), "user", "login", "success", current.clientAddress());
        return Response.ok().cookie(Sessions.cookie(session.get("id"))).header(Sessions.CSRF_HEADER, session.get("csrf")).build();
    }

    @GET
    @Path("/log_out")
    public Response logout(@CookieParam(Sessions.COOKIE) String sid) {
        if (sid != null) {
            sessions.close(sid);
        }
        return Response.ok().cookie(new NewCookie.Builder(Sessions.COOKIE).value("").path("/").maxAge(0).build()).build();
    }
}
