package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code berth.configurations}: Harbor's run-time settings ({@code /api/v2.0/configurations}) pinned by the operator.
 * A key set here wins over the value stored through the API, and the API shows it as {@code editable: false} and
 * refuses to change it. Every key is optional: unset, the API decides. Names and units are Harbor's.
 * registry-service reads {@code read_only} from here too (and otherwise from core's {@code core.system_flags_view}).
 */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".configurations", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ConfigurationsConfig {
    /** {@code db_auth}, {@code ldap_auth}, {@code http_auth} or {@code oidc_auth}. */
    Optional<String> authMode();

    /** Pushes, deletes and API writes that change artifacts are refused; pulls go on. */
    Optional<Boolean> readOnly();

    /** Whether anyone may sign up ({@code POST /users} without credentials). */
    Optional<Boolean> selfRegistration();

    /** {@code everyone} or {@code adminonly}: who may create projects. */
    Optional<String> projectCreationRestriction();

    /** Days a robot account created with {@code duration: 0} lives. */
    Optional<Integer> robotTokenDuration();

    /** What robot account names start with; Berth's is fixed: {@code robot$}. */
    Optional<String> robotNamePrefix();

    /** Minutes a registry token issued by {@code /service/token} is valid (else {@code token.expiration}). */
    Optional<Integer> tokenExpiration();

    /** {@code ldap://host[:port]} or {@code ldaps://host[:port]} of the directory {@code ldap_auth} logs users in against. */
    Optional<String> ldapUrl();

    Optional<String> ldapBaseDn();

    /** DN of the service account that searches for users (empty: anonymous search). */
    Optional<String> ldapSearchDn();

    /** Its password; kept out of every API answer. */
    Optional<String> ldapSearchPassword();

    /** Extra filter users must match, in parentheses. */
    Optional<String> ldapFilter();

    /** The attribute holding the user name (Harbor's default: uid). */
    Optional<String> ldapUid();

    /** 0 base, 1 one level, 2 subtree. */
    Optional<Integer> ldapScope();

    /** Seconds an LDAP connection, bind or search may take. */
    Optional<Integer> ldapTimeout();

    /** http_auth: where a user's name and password are POSTed (Basic auth); 200 is a valid login. */
    Optional<String> httpAuthproxyEndpoint();

    /** http_auth: the Kubernetes TokenReview endpoint that checks tokens (and the session ids the endpoint gives). */
    Optional<String> httpAuthproxyTokenreviewEndpoint();

    /** Whether the endpoints' TLS certificates are verified (default true). */
    Optional<Boolean> httpAuthproxyVerifyCert();

    /** Whether project members may be added by the name of a user who never logged in. */
    Optional<Boolean> httpAuthproxySkipSearch();

    /** PEM certificate(s) of the CA of the endpoints; empty: the JVM's CAs. */
    Optional<String> httpAuthproxyServerCertificate();

    /** Comma-separated groups whose members are system administrators. */
    Optional<String> httpAuthproxyAdminGroups();

    /** Comma-separated user names that are system administrators. */
    Optional<String> httpAuthproxyAdminUsernames();

    /** Whether the directory's TLS certificate must be trusted and name its host (default: true). */
    Optional<Boolean> ldapVerifyCert();

    /** Berth's: upgrade an {@code ldap://} connection with StartTLS before any bind (Harbor has no such key). */
    Optional<Boolean> ldapStarttls();

    /** Berth's: the CA certificates (PEM) that issue the directory's certificate; unset: the JVM's default CAs. */
    Optional<String> ldapCaCertificate();

    /** The OpenID provider's name, shown on the portal's login button. */
    Optional<String> oidcName();

    /** The provider's issuer URL (discovery at {@code /.well-known/openid-configuration} below it). */
    Optional<String> oidcEndpoint();

    Optional<String> oidcClientId();

    /** The client's secret; kept out of every API answer. */
    Optional<String> oidcClientSecret();

    /** Comma-separated scopes; must include {@code openid}. */
    Optional<String> oidcScope();

    /** The ID token claim listing the user's groups. */
    Optional<String> oidcGroupsClaim();

    /** Members of this group are system administrators. */
    Optional<String> oidcAdminGroup();

    /** Only groups matching this regular expression count. */
    Optional<String> oidcGroupFilter();

    /** The claim holding a new user's name (else {@code name}). */
    Optional<String> oidcUserClaim();

    /** Onboard new users with the claim's name without asking them. */
    Optional<Boolean> oidcAutoOnboard();

    /** Verify the provider's TLS certificate. */
    Optional<Boolean> oidcVerifyCert();
}
