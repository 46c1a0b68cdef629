package io.berth.core.ldap;

import io.berth.core.configuration.ConfigKey;
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
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Logins in {@code ldap_auth} mode: every user but {@code admin} is checked against the directory
 * ({@link LdapDirectory}), and onboarded as a Berth user on their first login (name from {@code ldap_uid}, e-mail and
 * real name from the entry, an unusable local password). A successful check is remembered for {@link #REMEMBERED}
 * ({@link RecentLogins}), so that the token requests of {@code docker pull} do not each ask the directory; a changed
 * password or a disabled account takes effect within it. Each check of the directory also reads the
 * user's LDAP groups ({@link LdapGroups}) and records them for {@code berth.core.group_membership_lifetime}
 * ({@link GroupMemberships}); a member of {@code ldap_group_admin_dn} is a system administrator while that membership is
 * current.
 */
@ApplicationScoped
public class LdapLogin {
    static final Duration REMEMBERED = Duration.ofMinutes(1);
    private static final String ADMIN = "admin";

    private final Configurations configurations;
    private final LdapDirectory directory;
    private final Onboarding onboarding;
    private final LdapGroups groups;
    private final GroupMemberships memberships;
    private final Duration membershipLifetime;
    private final RecentLogins<Boolean> recentlyVerified = new RecentLogins<>(REMEMBERED);

    LdapLogin(Configurations configurations, LdapDirectory directory, Onboarding onboarding, LdapGroups groups,
            GroupMemberships memberships, @ConfigProperty(name = "berth.core.group_membership_lifetime", defaultValue = "1h") Duration lifetime) {
        this.groups = groups;
        this.memberships = memberships;
        this.membershipLifetime = lifetime;
        this.configurations = configurations;
        this.directory = directory;
        this.onboarding = onboarding;
    }

    /** Whether this name logs in against the directory (ldap_auth, and not the admin, who stays in the database). */
    public boolean applies(String name) {
        return "ldap_auth".equals(configurations.authMode()) && !ADMIN.equals(name);
    }

    /** The caller, onboarded if new; null for wrong credentials; 503 when the directory cannot answer within ldap_timeout. */
    public Caller login(String name, String password, String clientAddress) {
        if (recentlyVerified.recall(name, password).isPresent()) {
            User user = QuarkusTransaction.requiringNew().call(() -> User.byName(name));
            if (user != null) {
                String adminDn = (String) configurations.value(ConfigKey.LDAP_GROUP_ADMIN_DN);
                boolean admin = !adminDn.isEmpty() && memberships.inLdapGroup(user.id, adminDn);
                return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin || admin);
            }
        }
        Optional<LdapDirectory.Entry> entry = directory.authenticate(LdapSettings.of(configurations), name, password);
        if (entry.isEmpty()) {
            return null;
        }
        LdapDirectory.Entry e = entry.get();
        User user = onboarding.onboard(profile(e), "LDAP", clientAddress);
        List<GroupRef> userGroups = groups.ofUser(e.dn());
        memberships.recordLogin(user.id, GroupType.LDAP.code, userGroups, membershipLifetime);
        recentlyVerified.remember(name, password, true);
        return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin || groups.includesAdminGroup(userGroups));
    }

    /** What Berth keeps of a directory entry when it onboards its user. */
    static Onboarding.Profile profile(LdapDirectory.Entry e) {
        return new Onboarding.Profile(e.username(), e.email(), e.realname(), "onboarded from LDAP: " + e.dn());
    }
}
