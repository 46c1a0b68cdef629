package io.berth.core.auth;

import io.berth.common.error.HarborException;
import io.berth.service.http.HarborExceptionMapper;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Identifies the caller of every API request: HTTP Basic (users and robots), or the portal's session
 * cookie (whose unsafe requests must carry the CSRF token), or nobody. Wrong credentials are a 401 at once.
 */
public class AuthenticationFilter {
    private final Authenticator authenticator;
    private final Sessions sessions;
    private final CurrentCaller current;

    AuthenticationFilter(Authenticator authenticator, Sessions sessions, CurrentCaller current) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.current = current;
    }

    @ServerRequestFilter
    public Optional<Response> identify(ContainerRequestContext request, HttpServerRequest http) {
        String address = clientAddress(http);
        try {
            String authorization = request.getHeaderString("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                String[] credentials = decode(authorization.substring(6).trim());
                current.set(authenticator.login(credentials[0], credentials[1], address), address);
                return Optional.empty();
            }
            Cookie cookie = request.getCookies().get(Sessions.COOKIE);
            if (cookie != null) {
                Optional<Caller> caller = sessions.caller(cookie.getValue());
                if (caller.isPresent()) {
                    if (unsafe(request.getMethod()) && !sessions.csrfValid(cookie.getValue(), request.getHeaderString(Sessions.CSRF_HEADER))) {
                        throw HarborException.forbidden("CSRF token missing or invalid");
                    }
                    current.set(caller.get(), address);
                    return Optional.empty();
                }
            }
            current.set(Caller.ANONYMOUS, address);
            return Optional.empty();
        } catch (HarborException e) {
            Response.ResponseBuilder response = Response.fromResponse(HarborExceptionMapper.body(e.status(), e.code(), e.getMessage()));
            if (e.status() == 401) {
                response.header("WWW-Authenticate", "Basic realm=\"berth\"");
            }
            return Optional.of(response.build());
        }
    }

    /**
     * As Harbor does, a safe request of a live portal session gets the session's CSRF token back in
     * {@code X-Harbor-CSRF-Token}: the portal keeps the token in memory only, and a page loaded again has the
     * cookie but not the token (e.g. GET /api/v2.0/users/current gives it back).
     */
    @ServerResponseFilter
    public void csrfToken(ContainerRequestContext request, ContainerResponseContext response) {
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        if (cookie != null && !unsafe(request.getMethod()) && response.getStatus() < 400) {
            sessions.csrf(cookie.getValue()).ifPresent(token -> response.getHeaders().putSingle(Sessions.CSRF_HEADER, token));
        }
    }

    private static boolean unsafe(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    private static String[] decode(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw HarborException.unauthorized("malformed Basic credentials");
            }
            return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw HarborException.unauthorized("malformed Basic credentials");
        }
    }

    /**
     * The client's address: the last entry of X-Forwarded-For, which the gateway appends (the address it
     * was connected from), else the peer. The entries before it are whatever the client sent: taking the
     * first let anyone pick the address that login throttling counts and the audit log records.
     */
    public static String clientAddress(HttpServerRequest http) {
        String forwarded = http.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        }
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
