package io.berth.core.ldap;

import io.berth.core.configuration.ConfigKey;
import io.berth.core.configuration.Configurations;
import java.time.Duration;

/** The {@code ldap_*} configuration in effect, read once per login from {@link Configurations} (cached there). */
public record LdapSettings(String url, String baseDn, String searchDn, String searchPassword, String filter, String uidAttribute,
        int scope, Duration timeout, boolean verifyCert, boolean startTls, String caCertificate) {

    public static LdapSettings of(Configurations configurations) {
        return new LdapSettings((String) configurations.value(ConfigKey.LDAP_URL), (String) configurations.value(ConfigKey.LDAP_BASE_DN),
                (String) configurations.value(ConfigKey.LDAP_SEARCH_DN), configurations.secret(ConfigKey.LDAP_SEARCH_PASSWORD).orElse(""),
                (String) configurations.value(ConfigKey.LDAP_FILTER), (String) configurations.value(ConfigKey.LDAP_UID),
                (Integer) configurations.value(ConfigKey.LDAP_SCOPE), Duration.ofSeconds((Integer) configurations.value(ConfigKey.LDAP_TIMEOUT)),
                (Boolean) configurations.value(ConfigKey.LDAP_VERIFY_CERT), (Boolean) configurations.value(ConfigKey.LDAP_STARTTLS),
                (String) configurations.value(ConfigKey.LDAP_CA_CERTIFICATE));
    }

    /** Whether the connection is TLS from the start ({@code ldaps://}). */
    boolean ldaps() {
        return url.startsWith("ldaps://");
    }

    /** The search filter of one user: the configured filter and {@code uid=name}, the name escaped (RFC 4515). */
    String userFilter(String username) {
        return "(&" + filter + "(" + uidAttribute + "=" + LdapFilters.escape(username) + "))";
    }
}
