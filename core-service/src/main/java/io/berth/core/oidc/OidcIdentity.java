package io.berth.core.oidc;

import java.util.List;

/**
 * A user as a verified ID token describes them: the provider identity ({@code iss}, {@code sub}), the name of the
 * user claim (null when missing), e-mail and display name when given, and the groups of the groups claim that pass
 * {@code oidc_group_filter}.
 */
public record OidcIdentity(String issuer, String subject, String username, String email, String realname, List<String> groups) {

    /** Whether the groups include oidc_admin_group (never when it is empty). */
    boolean inAdminGroup(OidcSettings settings) {
        return !settings.adminGroup().isEmpty() && groups.contains(settings.adminGroup());
    }
}
