package io.berth.core.authproxy;

import io.berth.core.configuration.ConfigKey;
import io.berth.core.configuration.Configurations;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code http_authproxy_*} configuration in effect, read once per login from {@link Configurations} (cached there). */
public record AuthProxySettings(String endpoint, String reviewEndpoint, boolean verifyCert, boolean skipSearch, String serverCertificate,
        Set<String> adminGroups, Set<String> adminUsernames) {

    public static AuthProxySettings of(Configurations configurations) {
        return new AuthProxySettings((String) configurations.value(ConfigKey.HTTP_AUTHPROXY_ENDPOINT),
                (String) configurations.value(ConfigKey.HTTP_AUTHPROXY_TOKENREVIEW_ENDPOINT),
                (Boolean) configurations.value(ConfigKey.HTTP_AUTHPROXY_VERIFY_CERT),
                (Boolean) configurations.value(ConfigKey.HTTP_AUTHPROXY_SKIP_SEARCH),
                (String) configurations.value(ConfigKey.HTTP_AUTHPROXY_SERVER_CERTIFICATE),
                names((String) configurations.value(ConfigKey.HTTP_AUTHPROXY_ADMIN_GROUPS)),
                names((String) configurations.value(ConfigKey.HTTP_AUTHPROXY_ADMIN_USERNAMES)));
    }

    /** Whether a user of this (normalized) name and these groups is a system administrator by the auth proxy's word. */
    boolean admin(String username, Iterable<String> groups) {
        if (adminUsernames.contains(username)) {
            return true;
        }
        for (String group : groups) {
            if (adminGroups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    /** User and group names are compared in lower case, as Harbor's auth proxy mode does (it is not case sensitive). */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Set<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(AuthProxySettings::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }
}
