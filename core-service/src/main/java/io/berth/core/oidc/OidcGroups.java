package io.berth.core.oidc;

import io.berth.core.identity.Caller;
import io.berth.core.usergroup.GroupMemberships;
import io.berth.core.usergroup.GroupRef;
import io.berth.core.usergroup.GroupType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records the groups of a user's groups claim (those that pass {@code oidc_group_filter}) as their OIDC user groups
 * ({@code group_type} 3, added when Berth does not know them yet, as Harbor does), at each portal login and each
 * refresh of the session by a CLI secret, for {@code berth.core.group_membership_lifetime}; a user whose claim no
 * longer lists a group leaves it then. The refresh interval being shorter than that lifetime, a CLI secret used after
 * the memberships expired refreshes the session and records them again.
 */
@ApplicationScoped
public class OidcGroups {
    private final GroupMemberships memberships;
    private final Duration lifetime;

    OidcGroups(GroupMemberships memberships,
            @ConfigProperty(name = "berth.core.group_membership_lifetime", defaultValue = "1h") Duration lifetime) {
        this.memberships = memberships;
        this.lifetime = lifetime;
    }

    public void record(Caller caller, List<String> groups) {
        memberships.recordLogin(caller.id(), GroupType.OIDC.code, groups.stream().map(GroupRef::named).toList(), lifetime);
    }
}
