package io.berth.core.oidc;

import io.berth.core.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Records the groups of a user's groups claim at each login (user groups of {@code group_type} 3, Harbor's OIDC
 * groups). Until Berth has user groups, the claim's groups decide only {@code oidc_admin_group} membership.
 */
@ApplicationScoped
public class OidcGroups {
    public void record(Caller caller, List<String> groups) {
        // user groups come with io.berth.core.usergroup
    }
}
