package io.berth.core.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.DeploymentConfig;
import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.secret.Secrets;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's OIDC login, the authorization code flow with PKCE (RFC 7636, S256), {@code state} and {@code nonce}:
 * <ol>
 * <li>{@link #begin}: a random state, nonce and PKCE verifier are kept in Redis under the state for
 *     {@link #LOGIN_TTL}; the browser is sent to the provider's authorization endpoint (and keeps the state in a cookie,
 *     which binds the login to that browser);</li>
 * <li>{@link #complete}: the callback's state must be the cookie's and still in Redis, where it is deleted as it is read
 *     (so a replayed callback is refused); the code is exchanged with the verifier and the ID token verified
 *     ({@link IdTokenVerifier}, with this login's nonce);</li>
 * <li>a known identity logs in; a new one is onboarded at once when {@code oidc_auto_onboard} is on and the user claim
 *     gives a usable name, and otherwise is kept in Redis as an onboarding ticket ({@link #ONBOARDING_TTL}) until the
 *     user chooses a name ({@link #onboard}), as in Harbor.</li>
 * </ol>
 * Every refusal is a clear error in Harbor's shape and an audit entry (operation login, result "failure: …").
 */
@ApplicationScoped
public class OidcLoginFlow {
    public static final Duration LOGIN_TTL = Duration.ofMinutes(10);
    public static final Duration ONBOARDING_TTL = Duration.ofMinutes(10);
    private static final String LOGINS = "berth:oidc:login:";
    private static final String ONBOARDINGS = "berth:oidc:onboarding:";

    private final Configurations configurations;
    private final OidcProvider provider;
    private final IdTokenVerifier verifier;
    private final OidcUsers users;
    private final OidcGroups groups;
    private final Secrets secrets;
    private final AuditLog audit;
    private final RedisDataSource redis;
    private final String redirectUri;
    private final ObjectMapper json = new ObjectMapper();

    /** Where the browser goes to log in, and the state its cookie must hold when it comes back. */
    public record Started(String authorizationUrl, String state) {}

    /** The end of a callback: a caller logged in, or a new user to onboard with a name to suggest (maybe none). */
    public record Outcome(Caller caller, String redirect, String onboardingTicket, String suggestedName) {}

    /** What Redis keeps of a login between {@link #begin} and {@link #complete}. */
    record PendingLogin(String nonce, String verifier, String redirect) {}

    /** What Redis keeps of an identity waiting for its user name; the refresh token sealed. */
    record PendingOnboarding(String issuer, String subject, String email, String realname, List<String> groups, boolean admin,
            String sealedRefreshToken) {}

    OidcLoginFlow(Configurations configurations, OidcProvider provider, IdTokenVerifier verifier, OidcUsers users, OidcGroups groups,
            Secrets secrets, AuditLog audit, RedisDataSource redis, DeploymentConfig deployment) {
        this.configurations = configurations;
        this.provider = provider;
        this.verifier = verifier;
        this.users = users;
        this.groups = groups;
        this.secrets = secrets;
        this.audit = audit;
        this.redis = redis;
        String external = deployment.externalUrl();
        this.redirectUri = (external.endsWith("/") ? external.substring(0, external.length() - 1) : external) + "/c/oidc/callback";
    }

    /** Starts a login that returns to {@code redirect} (a path of Berth's; else {@code /}); 400 unless auth_mode is oidc_auth. */
    public Started begin(String redirect) {
        OidcSettings settings = settings();
        OidcProvider.Discovery discovery = provider.discovery(settings);
        String state = Tokens.random();
        PendingLogin pending = new PendingLogin(Tokens.random(), Tokens.random(), localPath(redirect));
        redis.value(String.class).setex(LOGINS + state, LOGIN_TTL.toSeconds(), write(pending));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", String.join(" ", settings.scopes()));
        query.put("state", state);
        query.put("nonce", pending.nonce());
        query.put("code_challenge", Tokens.s256(pending.verifier()));
        query.put("code_challenge_method", "S256");
        StringBuilder url = new StringBuilder(discovery.authorizationEndpoint()).append(discovery.authorizationEndpoint().contains("?") ? '&' : '?');
        query.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return new Started(url.toString(), state);
    }

    /** Completes a login from the provider's callback; every refusal is audited. */
    public Outcome complete(Map<String, String> callback, String cookieState, String clientAddress) {
        try {
            return completeOrThrow(callback, cookieState, clientAddress);
        } catch (HarborException e) {
            audit.loginFailure("oidc", clientAddress, e.getMessage());
            throw e;
        }
    }

    /** Onboards the identity of a ticket as {@code username}; the ticket is used up only when it works. */
    public Caller onboard(String ticket, String username, String clientAddress) {
        String stored = ticket == null || ticket.length() > 100 ? null : redis.value(String.class).get(ONBOARDINGS + ticket);
        if (stored == null) {
            throw HarborException.badRequest("no OIDC login is waiting for a user name here (it expires after "
                    + ONBOARDING_TTL.toMinutes() + " minutes): log in again");
        }
        PendingOnboarding pending = read(stored, PendingOnboarding.class);
        OidcIdentity identity = new OidcIdentity(pending.issuer(), pending.subject(), username, pending.email(), pending.realname(),
                pending.groups());
        Caller caller = users.onboard(identity, username, pending.sealedRefreshToken() == null ? null
                : secrets.open(pending.sealedRefreshToken()), pending.admin(), clientAddress);
        redis.key().del(ONBOARDINGS + ticket);
        groups.record(caller, identity.groups());
        return caller;
    }

    private Outcome completeOrThrow(Map<String, String> callback, String cookieState, String clientAddress) {
        String state = callback.get("state");
        if (state == null || state.isEmpty() || state.length() > 100) {
            throw HarborException.badRequest("the callback has no state");
        }
        if (!Tokens.equal(state, cookieState)) {
            throw HarborException.badRequest("the callback's state is not the one this browser's login started with");
        }
        String stored = redis.value(String.class).getdel(LOGINS + state);
        if (stored == null) {
            throw HarborException.badRequest("the callback's state is unknown, expired or already used: log in again");
        }
        if (callback.get("error") != null) {
            throw HarborException.unauthorized("the OIDC provider refused the login: " + callback.get("error")
                    + (callback.get("error_description") == null ? "" : ": " + callback.get("error_description")));
        }
        String code = callback.get("code");
        if (code == null || code.isEmpty()) {
            throw HarborException.badRequest("the callback has no code");
        }
        PendingLogin pending = read(stored, PendingLogin.class);
        OidcSettings settings = settings();
        OidcProvider.TokenAnswer tokens = provider.exchange(settings, code, pending.verifier(), redirectUri);
        OidcIdentity identity = verifier.verify(settings, tokens.idToken(), pending.nonce(), null);
        boolean admin = identity.inAdminGroup(settings);
        Caller caller = users.loggedIn(identity, tokens.refreshToken(), admin);
        if (caller != null) {
            groups.record(caller, identity.groups());
            return new Outcome(caller, pending.redirect(), null, null);
        }
        String suggested = OnboardingNames.suggested(identity.username());
        if (settings.autoOnboard() && suggested != null) {
            caller = users.onboard(identity, suggested, tokens.refreshToken(), admin, clientAddress);
            groups.record(caller, identity.groups());
            return new Outcome(caller, pending.redirect(), null, null);
        }
        String ticket = Tokens.random();
        redis.value(String.class).setex(ONBOARDINGS + ticket, ONBOARDING_TTL.toSeconds(), write(new PendingOnboarding(identity.issuer(),
                identity.subject(), identity.email(), identity.realname(), identity.groups(), admin,
                tokens.refreshToken() == null ? null : secrets.seal(tokens.refreshToken()))));
        return new Outcome(null, pending.redirect(), ticket, suggested);
    }

    private OidcSettings settings() {
        if (!"oidc_auth".equals(configurations.authMode())) {
            throw HarborException.badRequest("OIDC logins need auth_mode oidc_auth (it is " + configurations.authMode() + ")");
        }
        return OidcSettings.of(configurations).usable();
    }

    /** A path of Berth's to return to; anything else (another site, {@code //host}) is {@code /}. */
    private static String localPath(String redirect) {
        return redirect != null && redirect.startsWith("/") && !redirect.startsWith("//") && !redirect.contains("\\")
                && redirect.length() <= 1000 && redirect.chars().noneMatch(Character::isISOControl) ? redirect : "/";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
