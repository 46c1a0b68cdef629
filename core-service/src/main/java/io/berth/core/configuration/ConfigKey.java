package io.berth.core.configuration;

import io.berth.common.error.HarborException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of Harbor's {@code /api/v2.0/configurations} that Berth acts on, each with its type, its default and the
 * values it takes. A key Berth does not act on is not here, so the API refuses it instead of storing a lie. Adding a
 * feature's keys (LDAP, OIDC) is adding constants here and reading them through {@link Configurations}.
 */
public enum ConfigKey {
    /** How users log in: {@code db_auth}, {@code ldap_auth}, {@code http_auth} or {@code oidc_auth} (admin still logs in from the database). */
    AUTH_MODE("auth_mode", Type.STRING, "db_auth", List.of("db_auth", "ldap_auth", "http_auth", "oidc_auth")),
    READ_ONLY("read_only", Type.BOOLEAN, false, null),
    SELF_REGISTRATION("self_registration", Type.BOOLEAN, false, null),
    PROJECT_CREATION_RESTRICTION("project_creation_restriction", Type.STRING, "everyone", List.of("everyone", "adminonly")),
    /** Days; the lifetime of a robot created with {@code duration: 0}. Harbor's default: 30. */
    ROBOT_TOKEN_DURATION("robot_token_duration", Type.INTEGER, 30, null),
    /** Fixed in Berth: robot names are parsed by it everywhere (tokens, audit, permissions). */
    ROBOT_NAME_PREFIX("robot_name_prefix", Type.STRING, "robot$", List.of("robot$")),
    /** Minutes; the default is {@code token.expiration} of berth.yaml (see {@link Configurations}). */
    TOKEN_EXPIRATION("token_expiration", Type.INTEGER, null, null),
    /** {@code ldap://host[:port]} (plain, or StartTLS with {@link #LDAP_STARTTLS}) or {@code ldaps://host[:port]} (TLS). */
    LDAP_URL("ldap_url", Type.STRING, "", null, ConfigKey::ldapUrl),
    LDAP_BASE_DN("ldap_base_dn", Type.STRING, "", null),
    /** The service account's DN that searches for users; empty: an anonymous search. */
    LDAP_SEARCH_DN("ldap_search_dn", Type.STRING, "", null),
    LDAP_SEARCH_PASSWORD("ldap_search_password", Type.SECRET, null, null),
    /** An extra filter every user must match, e.g. {@code (objectClass=person)}; empty: none. */
    LDAP_FILTER("ldap_filter", Type.STRING, "", null, ConfigKey::ldapFilter),
    /** The attribute that holds the user name. */
    LDAP_UID("ldap_uid", Type.STRING, "uid", null, ConfigKey::ldapAttribute),
    /** 0 base, 1 one level, 2 subtree (Harbor's numbers). */
    LDAP_SCOPE("ldap_scope", Type.INTEGER, 2, List.of("0", "1", "2")),
    /** Where LDAP groups are searched (a group DN outside it is not a group for Berth); empty: groups are off. */
    LDAP_GROUP_BASE_DN("ldap_group_base_dn", Type.STRING, "", null, ConfigKey::ldapDn),
    /** An extra filter every group must match, e.g. {@code (objectClass=groupOfNames)}; empty: none. */
    LDAP_GROUP_SEARCH_FILTER("ldap_group_search_filter", Type.STRING, "", null, ConfigKey::ldapFilter),
    /** The attribute that holds a group's name (its group_name when Berth adds it). */
    LDAP_GROUP_ATTRIBUTE_NAME("ldap_group_attribute_name", Type.STRING, "cn", null, ConfigKey::ldapAttribute),
    /** 0 base, 1 one level, 2 subtree, under ldap_group_base_dn. */
    LDAP_GROUP_SEARCH_SCOPE("ldap_group_search_scope", Type.INTEGER, 2, List.of("0", "1", "2")),
    /** The user's attribute that lists the DNs of their groups (the memberOf overlay of OpenLDAP, Active Directory's). */
    LDAP_GROUP_MEMBERSHIP_ATTRIBUTE("ldap_group_membership_attribute", Type.STRING, "memberof", null, ConfigKey::ldapAttribute),
    /** Members of this group are system administrators while their membership is current; empty: none. */
    LDAP_GROUP_ADMIN_DN("ldap_group_admin_dn", Type.STRING, "", null, ConfigKey::ldapDn),
    /** Seconds a connection, bind or search may take before the login fails with a clear error. */
    LDAP_TIMEOUT("ldap_timeout", Type.INTEGER, 5, null),
    /** Whether the TLS certificate of the directory (ldaps://, StartTLS) must be trusted and name its host; Harbor's default: on. */
    LDAP_VERIFY_CERT("ldap_verify_cert", Type.BOOLEAN, true, null),
    /** Berth's (Harbor has no StartTLS): an {@code ldap://} connection upgraded with StartTLS before any bind. */
    LDAP_STARTTLS("ldap_starttls", Type.BOOLEAN, false, null),
    /** Berth's: the CAs (PEM) that issue the directory's certificate; empty: the JVM's default CAs. */
    LDAP_CA_CERTIFICATE("ldap_ca_certificate", Type.STRING, "", null, ConfigKey::pemCertificates),
    /** http_auth: where a user's name and password are POSTed (Basic); 200 is a valid login, 401 or 403 a wrong one. */
    HTTP_AUTHPROXY_ENDPOINT("http_authproxy_endpoint", Type.STRING, "", null, HttpAuthRules::url),
    /** http_auth: the Kubernetes TokenReview ({@code authentication.k8s.io/v1}) endpoint that checks tokens. */
    HTTP_AUTHPROXY_TOKENREVIEW_ENDPOINT("http_authproxy_tokenreview_endpoint", Type.STRING, "", null, HttpAuthRules::url),
    /** Whether the endpoints' TLS certificates are verified (against the server certificate if set, else the JVM's CAs). */
    HTTP_AUTHPROXY_VERIFY_CERT("http_authproxy_verify_cert", Type.BOOLEAN, true, null),
    /** Whether a project member may be added by the name of a user who never logged in (onboarded unseen, as Harbor). */
    HTTP_AUTHPROXY_SKIP_SEARCH("http_authproxy_skip_search", Type.BOOLEAN, false, null),
    /** PEM certificate(s) of the CA that signed the endpoints' certificates; empty: the JVM's CAs. */
    HTTP_AUTHPROXY_SERVER_CERTIFICATE("http_authproxy_server_certificate", Type.STRING, "", null, HttpAuthRules::pem),
    /** Comma-separated groups (from the token review) whose members are system administrators. */
    HTTP_AUTHPROXY_ADMIN_GROUPS("http_authproxy_admin_groups", Type.STRING, "", null, HttpAuthRules::names),
    /** Comma-separated user names that are system administrators. */
    HTTP_AUTHPROXY_ADMIN_USERNAMES("http_authproxy_admin_usernames", Type.STRING, "", null, HttpAuthRules::names),
    /** The provider's name on the portal's login button. */
    OIDC_NAME("oidc_name", Type.STRING, "", null),
    /** The issuer URL: discovery is read from {@code <endpoint>/.well-known/openid-configuration}. */
    OIDC_ENDPOINT("oidc_endpoint", Type.STRING, "", null, ConfigKeyRules::httpUrl),
    OIDC_CLIENT_ID("oidc_client_id", Type.STRING, "", null),
    OIDC_CLIENT_SECRET("oidc_client_secret", Type.SECRET, null, null),
    /** Comma-separated scopes asked for; {@code openid} is required, {@code offline_access} gives the refresh token CLI secrets need. */
    OIDC_SCOPE("oidc_scope", Type.STRING, "openid,offline_access", null, ConfigKeyRules::oidcScope),
    /** The ID token claim that lists the user's groups (an array of strings); empty: none. */
    OIDC_GROUPS_CLAIM("oidc_groups_claim", Type.STRING, "", null, ConfigKeyRules::claimName),
    /** Members of this group (in the groups claim) are system administrators while they are; empty: none. */
    OIDC_ADMIN_GROUP("oidc_admin_group", Type.STRING, "", null),
    /** Only the groups matching this regular expression count; empty: all. */
    OIDC_GROUP_FILTER("oidc_group_filter", Type.STRING, "", null, ConfigKeyRules::regex),
    /** The claim holding the user name of a new user; empty: {@code name}. */
    OIDC_USER_CLAIM("oidc_user_claim", Type.STRING, "", null, ConfigKeyRules::claimName),
    /** Whether a new user is onboarded with the claim's name at once, instead of being asked to choose a name. */
    OIDC_AUTO_ONBOARD("oidc_auto_onboard", Type.BOOLEAN, false, null),
    /** Whether the provider's TLS certificate is verified (https endpoints). */
    OIDC_VERIFY_CERT("oidc_verify_cert", Type.BOOLEAN, true, null);

    /** How a value is written in JSON and stored; a {@code SECRET} is a string stored sealed and never returned. */
    public enum Type { BOOLEAN, INTEGER, STRING, SECRET }

    private static final Map<String, ConfigKey> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(ConfigKey::harborName, Function.identity()));

    private final String harborName;
    private final Type type;
    private final Object defaultValue;
    private final List<String> allowed;
    /** Null when the value is acceptable, else what is wrong with it. */
    private final Function<String, String> rule;

    ConfigKey(String harborName, Type type, Object defaultValue, List<String> allowed) {
        this(harborName, type, defaultValue, allowed, value -> null);
    }

    ConfigKey(String harborName, Type type, Object defaultValue, List<String> allowed, Function<String, String> rule) {
        this.harborName = harborName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.rule = rule;
    }

    public String harborName() {
        return harborName;
    }

    public Type type() {
        return type;
    }

    Object defaultValue() {
        return defaultValue;
    }

    public static Optional<ConfigKey> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** A JSON value as this key's type, checked; 400 in Harbor's shape otherwise. */
    Object check(Object json) {
        Object value = switch (type) {
            case BOOLEAN -> {
                if (!(json instanceof Boolean b)) {
                    throw invalid("true or false");
                }
                yield b;
            }
            case INTEGER -> {
                long least = allowed == null ? 1 : 0;
                if (!(json instanceof Integer || json instanceof Long) || ((Number) json).longValue() < least
                        || ((Number) json).longValue() > Integer.MAX_VALUE) {
                    throw invalid("a whole number from " + least + " to " + Integer.MAX_VALUE);
                }
                yield ((Number) json).intValue();
            }
            case STRING, SECRET -> {
                if (!(json instanceof String s)) {
                    throw invalid("a string");
                }
                yield s;
            }
        };
        if (allowed != null && !allowed.contains(String.valueOf(value))) {
            throw invalid("one of " + String.join(", ", allowed));
        }
        String wrong = rule.apply(String.valueOf(value));
        if (wrong != null) {
            throw HarborException.badRequest("configuration " + harborName + ": " + wrong);
        }
        return value;
    }

    /** The stored (or berth.yaml) text of a value, as this key's type. */
    Object decode(String text) {
        return switch (type) {
            case BOOLEAN -> Boolean.parseBoolean(text.trim().toLowerCase(Locale.ROOT));
            case INTEGER -> Integer.parseInt(text.trim());
            case STRING, SECRET -> text;
        };
    }

    private static String ldapUrl(String url) {
        if (url.isEmpty()) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            return ("ldap".equals(uri.getScheme()) || "ldaps".equals(uri.getScheme())) && uri.getHost() != null && uri.getUserInfo() == null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath())) && uri.getQuery() == null
                    && uri.getFragment() == null ? null : "the value must be ldap://host[:port] or ldaps://host[:port]";
        } catch (java.net.URISyntaxException e) {
            return "the value must be ldap://host[:port] or ldaps://host[:port]";
        }
    }

    private static String pemCertificates(String pem) {
        return HttpAuthRules.pem(pem);
    }

    /**
     * What is wrong with the LDAP keys together (null: nothing), given the value each will have: StartTLS upgrades an
     * ldap:// connection, so it is refused with ldaps://, which is TLS already.
     */
    static String ldapTogether(Function<ConfigKey, Object> effective) {
        return Boolean.TRUE.equals(effective.apply(LDAP_STARTTLS)) && String.valueOf(effective.apply(LDAP_URL)).startsWith("ldaps://")
                ? "configuration ldap_starttls: StartTLS upgrades an ldap:// connection; ldap_url is ldaps://, which is TLS already"
                : null;
    }

    private static String ldapFilter(String filter) {
        if (filter.isEmpty()) {
            return null;
        }
        int depth = 0;
        for (char c : filter.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                break;
            }
        }
        return filter.startsWith("(") && filter.endsWith(")") && depth == 0 ? null
                : "the value must be an LDAP filter in parentheses, e.g. (objectClass=person)";
    }

    private static String ldapDn(String dn) {
        if (dn.isEmpty()) {
            return null;
        }
        try {
            new javax.naming.ldap.LdapName(dn);
            return null;
        } catch (javax.naming.InvalidNameException | IllegalArgumentException e) {
            return "the value must be a DN, e.g. ou=groups,dc=example,dc=com";
        }
    }

    private static String ldapAttribute(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9-]{0,63}") ? null : "the value must be an attribute name, e.g. uid";
    }

    private HarborException invalid(String expected) {
        return HarborException.badRequest("configuration " + harborName + ": the value must be " + expected);
    }
}
