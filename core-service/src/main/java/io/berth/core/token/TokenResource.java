package io.berth.core.token;

import io.berth.common.config.TokenConfig;
import io.berth.common.scope.Scope;
import io.berth.common.error.HarborException;
import io.berth.core.auth.Authenticator;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.user.User;
import io.berth.core.robot.Robot;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /service/token}: the token service of the Docker token authentication spec. {@code GET} with
 * Basic credentials (users and robots) or none (anonymous pull of public projects); the OAuth2
 * {@code POST} form with {@code grant_type=password} or {@code refresh_token}.
 */
@Path("/service/token")
public class TokenResource {
    private static final long REFRESH_DAYS = 30;

    private final TokenIssuer issuer;
    private final ScopeGrants grants;
    private final CurrentCaller current;
    private final Authenticator authenticator;
    private final String service;
    private final SecureRandom random = new SecureRandom();

    TokenResource(TokenIssuer issuer, ScopeGrants grants, CurrentCaller current, Authenticator authenticator, TokenConfig config) {
        this.issuer = issuer;
        this.grants = grants;
        this.current = current;
        this.authenticator = authenticator;
        this.service = config.service();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Map<String, Object> token(@QueryParam("service") String requestedService, @QueryParam("scope") List<String> scopes,
            @QueryParam("offline_token") boolean offline) {
        Caller caller = current.get();
        Map<String, Object> body = issue(caller, requestedService, scopes == null ? List.of() : scopes);
        if (offline && caller.authenticated()) {
            body.put("refresh_token", refreshToken(caller));
        }
        return body;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response oauth(@FormParam("grant_type") String grantType, @FormParam("service") String requestedService,
            @FormParam("scope") String scope, @FormParam("username") String username, @FormParam("password") String password,
            @FormParam("refresh_token") String refresh, @FormParam("access_type") String accessType) {
        List<String> scopes = scope == null ? List.of() : List.of(scope);
        Caller caller;
        if ("password".equals(grantType)) {
            caller = authenticator.login(username, password, current.clientAddress());
        } else if ("refresh_token".equals(grantType)) {
            caller = fromRefreshToken(refresh);
        } else {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "unsupported_grant_type", "error_description", "grant_type must be password or refresh_token"))
                    .build();
        }
        Map<String, Object> body = issue(caller, requestedService, scopes);
        if ("password".equals(grantType) && "offline".equals(accessType)) {
            body.put("refresh_token", refreshToken(caller));
        } else if ("refresh_token".equals(grantType)) {
            body.put("refresh_token", refresh);
        }
        return Response.ok(body).build();
    }

    @GET
    @Path("/cert")
    @Produces("application/x-pem-file")
    public String certificate() {
        return issuer.certificatePem();
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        return issuer.jwks();
    }

    private Map<String, Object> issue(Caller caller, String requestedService, List<String> scopes) {
        if (requestedService != null && !requestedService.isEmpty() && !requestedService.equals(service)) {
            throw HarborException.badRequest("unknown service " + requestedService + "; this token service serves " + service);
        }
        List<Scope> requested;
        try {
            requested = Scope.parseAll(scopes);
        } catch (IllegalArgumentException e) {
            throw HarborException.badRequest(e.getMessage());
        }
        List<Scope> granted = grants.grant(caller, requested);
        TokenIssuer.Issued issued = issuer.issue(caller.authenticated() ? caller.name() : "", service, granted);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("access_token", issued.token());
        body.put("expires_in", issued.expiresIn());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        List<String> scopeStrings = new ArrayList<>();
        granted.forEach(s -> scopeStrings.add(s.toString()));
        body.put("scope", String.join(" ", scopeStrings));
        return body;
    }

    private String refreshToken(Caller caller) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = hash(token);
        stored.subject = (caller.isRobot() ? "robot:" : "user:") + caller.id();
        stored.expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(REFRESH_DAYS);
        stored.persist();
        return token;
    }

    private Caller fromRefreshToken(String token) {
        RefreshToken stored = token == null ? null : RefreshToken.findById(hash(token));
        if (stored == null || stored.expiresAt.isBefore(OffsetDateTime.now())) {
            throw HarborException.unauthorized("invalid or expired refresh token");
        }
        long id = Long.parseLong(stored.subject.substring(stored.subject.indexOf(':') + 1));
        if (stored.subject.startsWith("user:")) {
            User user = User.findById(id);
            if (user != null) {
                return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin);
            }
        } else {
            Robot robot = Robot.findById(id);
            if (robot != null && robot.usable(OffsetDateTime.now())) {
                return new Caller(Caller.Kind.ROBOT, robot.id, robot.name, false);
            }
        }
        throw HarborException.unauthorized("the account of this refresh token is gone or disabled");
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
