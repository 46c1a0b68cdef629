package io.berth.core.authproxy;

import io.berth.core.configuration.Configurations;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.user.Onboarding;
import io.berth.core.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Harbor's {@code SearchUser} of the auth proxy, which cannot list its users: with {@code http_authproxy_skip_search}
 * on, a user named by an administrator (a project member by name) is taken to exist and is onboarded unseen; off,
 * only users who logged in once are known.
 */
@ApplicationScoped
public class AuthProxyUsers {
    private final Configurations configurations;
    private final Onboarding onboarding;
    private final CurrentCaller current;

    AuthProxyUsers(Configurations configurations, Onboarding onboarding, CurrentCaller current) {
        this.configurations = configurations;
        this.onboarding = onboarding;
        this.current = current;
    }

    /** The user of this name, onboarded now if {@code http_auth} and {@code skip_search} say so; empty otherwise. */
    public Optional<User> searchAndOnboard(String name) {
        if (name == null || !"http_auth".equals(configurations.authMode()) || !AuthProxySettings.of(configurations).skipSearch()) {
            return Optional.empty();
        }
        String username = AuthProxySettings.normalize(name);
        if (!Names.valid(username) || "admin".equals(username)) {
            return Optional.empty();
        }
        return Optional.of(onboarding.onboard(new Onboarding.Profile(username, username.contains("@") ? username : null, username,
                "onboarded from " + AuthProxyLogin.SOURCE + " (http_authproxy_skip_search)"), AuthProxyLogin.SOURCE, current.clientAddress()));
    }
}
