package io.berth.core.auth;

import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.authproxy.AuthProxyLogin;
import io.berth.core.identity.Caller;
import io.berth.core.identity.PasswordHasher;
import io.berth.core.ldap.LdapLogin;
import io.berth.core.oidc.OidcCliLogin;
import io.berth.core.robot.Robot;
import io.berth.core.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Checks a name and password: a user's password, or a robot account's secret when the name starts
 * with {@code robot$}, or the directory's in {@code ldap_auth} mode ({@link LdapLogin}), or the auth proxy's in
 * {@code http_auth} mode ({@link AuthProxyLogin}), or a CLI secret in {@code oidc_auth} mode ({@link OidcCliLogin}).
 * Refuses the addresses {@link LoginThrottle} throttles, delays failures as it says,
 * and records every failure. No transaction is held while a password is checked or a failure waits.
 */
@ApplicationScoped
public class Authenticator {

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final LdapLogin ldap;
    private final AuthProxyLogin authProxy;
    private final OidcCliLogin oidc;

    Authenticator(PasswordHasher hasher, LoginThrottle throttle, AuditLog audit, LdapLogin ldap, AuthProxyLogin authProxy, OidcCliLogin oidc) {
        this.ldap = ldap;
        this.authProxy = authProxy;
        this.oidc = oidc;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** The caller these credentials identify; 401 if they do not, 429 while this address is throttled for them. */
    public Caller login(String name, String password, String clientAddress) {
        if (name == null || name.isEmpty() || password == null) {
            throw HarborException.unauthorized("invalid credentials");
        }
        LoginThrottle.Failures failures = throttle.failures(name, clientAddress);
        if (throttle.denied(failures)) {
            audit.loginFailure(name, clientAddress, "throttled");
            throw HarborException.tooManyRequests("too many failed logins from this address; try again later");
        }
        Caller caller;
        try {
            caller = name.startsWith(Caller.ROBOT_PREFIX) ? robot(name, password)
                    : ldap.applies(name) ? ldap.login(name, password, clientAddress)
                    : authProxy.applies(name) ? authProxy.login(name, password, clientAddress)
                    : oidc.applies(name) ? oidc.login(name, password) : user(name, password);
        } catch (HarborException e) {
            audit.loginFailure(name, clientAddress, e.getMessage());
            throw e;
        }
        if (caller == null) {
            Duration delay = throttle.failed(name, clientAddress, failures);
            audit.loginFailure(name, clientAddress, "invalid credentials");
            pause(delay);
            throw HarborException.unauthorized("invalid credentials");
        }
        if (failures.pair() > 0) {
            throttle.succeeded(name, clientAddress);
        }
        return caller;
    }

    private Caller user(String name, String password) {
        User user = QuarkusTransaction.requiringNew().call(() -> User.byName(name));
        boolean ok = hasher.verify(name, password, user == null ? null : user.passwordHash);
        return ok ? new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin) : null;
    }

    private Caller robot(String name, String secret) {
        Robot robot = QuarkusTransaction.requiringNew().call(() -> Robot.byName(name));
        boolean ok = hasher.verify(name, secret, robot == null ? null : robot.secretHash);
        if (!ok || !robot.usable(OffsetDateTime.now())) {
            return null;
        }
        return new Caller(Caller.Kind.ROBOT, robot.id, robot.name, false);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
