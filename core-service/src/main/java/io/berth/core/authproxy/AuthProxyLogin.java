package io.berth.core.authproxy;

import io.berth.common.error.HarborException;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.identity.RecentLogins;
import io.berth.core.user.Onboarding;
import io.berth.core.user.User;
import io.berth.core.usergroup.GroupMemberships;
import io.berth.core.usergroup.GroupRef;
import io.berth.core.usergroup.GroupType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Logins in {@code http_auth} mode (Harbor's auth proxy), for every user but {@code admin} (who stays in the database):
 * <ul>
 * <li>a name and password: POSTed to {@code http_authproxy_endpoint} ({@link AuthProxyClient}); 200 is a valid login.
 * When its answer carries Harbor's {@code {"session_id"}} and a review endpoint is set, the session is reviewed
 * ({@link TokenReviews}) for the user's groups, and must be this user's;</li>
 * <li>{@code tokenreview$<name>} and a token (a Kubernetes bearer token, as Harbor takes it): the token is reviewed
 * and must be {@code <name>}'s.</li>
 * </ul>
 * Names are compared in lower case. The user is onboarded on the first login, and the review's groups are recorded as
 * their user groups of {@code group_type} 2 (HTTP; created if new) for {@code berth.core.group_membership_lifetime}
 * ({@link GroupMemberships}): project members by group apply to them without a call to the proxy. A member of
 * {@code http_authproxy_admin_groups} or one of {@code http_authproxy_admin_usernames} is a system administrator
 * for as long as the proxy says so (it is not stored). A login is remembered for {@link #REMEMBERED}
 * ({@link RecentLogins}), so that the token requests of {@code docker pull} do not each call the proxy.
 */
@ApplicationScoped
public class AuthProxyLogin {
    private static final Logger LOG = Logger.getLogger(AuthProxyLogin.class);
    static final Duration REMEMBERED = Duration.ofMinutes(1);
    /** Harbor's prefix of the name that comes with a token instead of a password. */
    public static final String TOKEN_PREFIX = "tokenreview$";
    private static final String ADMIN = "admin";
    static final String SOURCE = "the auth proxy";

    /** What the proxy said of a user, remembered with the login. */
    private record Facts(String username, List<String> groups, boolean admin) {}

    private final Configurations configurations;
    private final AuthProxyClient proxy;
    private final Onboarding onboarding;
    private final GroupMemberships memberships;
    private final Duration membershipLifetime;
    private final RecentLogins<Facts> recent = new RecentLogins<>(REMEMBERED);

    AuthProxyLogin(Configurations configurations, AuthProxyClient proxy, Onboarding onboarding, GroupMemberships memberships,
            @ConfigProperty(name = "berth.core.group_membership_lifetime", defaultValue = "1h") Duration membershipLifetime) {
        this.configurations = configurations;
        this.proxy = proxy;
        this.onboarding = onboarding;
        this.memberships = memberships;
        this.membershipLifetime = membershipLifetime;
    }

    /** Whether this name logs in through the auth proxy ({@code http_auth}, and not the admin). */
    public boolean applies(String name) {
        return "http_auth".equals(configurations.authMode()) && !ADMIN.equals(name);
    }

    /** The caller, onboarded if new; null for credentials the proxy refuses; 503 when it cannot answer. */
    public Caller login(String name, String secret, String clientAddress) {
        boolean byToken = name.startsWith(TOKEN_PREFIX);
        String username = AuthProxySettings.normalize(byToken ? name.substring(TOKEN_PREFIX.length()) : name);
        if (!Names.valid(username)) {
            throw HarborException.unauthorized("invalid credentials: a user name is 1 to " + Names.LENGTH
                    + " characters, without '$' or control characters");
        }
        if (secret.isEmpty()) {
            return null;
        }
        Facts facts = recent.recall(name, secret).orElse(null);
        if (facts == null) {
            AuthProxySettings settings = AuthProxySettings.of(configurations);
            facts = byToken ? reviewToken(settings, username, secret) : checkPassword(settings, username, name, secret);
            if (facts == null) {
                return null;
            }
            User onboarded = onboarding.onboard(new Onboarding.Profile(facts.username(),
                    facts.username().contains("@") ? facts.username() : null, facts.username(), "onboarded from " + SOURCE), SOURCE, clientAddress);
            memberships.recordLogin(onboarded.id, GroupType.HTTP.code, facts.groups().stream().map(GroupRef::named).toList(),
                    membershipLifetime);
            recent.remember(name, secret, facts);
        }
        String known = facts.username();
        User user = QuarkusTransaction.requiringNew().call(() -> User.byName(known));
        if (user == null) {
            return null; // deleted since the login was remembered
        }
        return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin || facts.admin());
    }

    private Facts checkPassword(AuthProxySettings settings, String username, String name, String password) {
        AuthProxyClient.Verdict verdict = proxy.checkPassword(settings, name, password);
        if (!verdict.accepted()) {
            return null;
        }
        List<String> groups = List.of();
        if (verdict.sessionId() != null && !settings.reviewEndpoint().isEmpty()) {
            TokenReviews.Review review = proxy.review(settings, verdict.sessionId());
            if (!matches(review, username)) {
                return null;
            }
            groups = review.groups();
        }
        return new Facts(username, groups, settings.admin(username, groups));
    }

    private Facts reviewToken(AuthProxySettings settings, String username, String token) {
        TokenReviews.Review review = proxy.review(settings, token);
        return matches(review, username) ? new Facts(username, review.groups(), settings.admin(username, review.groups())) : null;
    }

    private static boolean matches(TokenReviews.Review review, String username) {
        if (!review.authenticated()) {
            LOG.debugf("auth proxy: the token review refused %s's token: %s", username, review.error());
            return false;
        }
        if (!review.username().equals(username)) {
            LOG.warnf("auth proxy: a token of %s was given with the name %s", review.username(), username);
            return false;
        }
        return true;
    }
}
