package io.berth.core.user;

import java.time.OffsetDateTime;

/** Harbor's UserResp; {@code oidc_user_meta} only for OIDC users (and left out of the JSON otherwise). */
public record UserView(long userId, String username, String email, String realname, String comment, boolean sysadminFlag,
        boolean adminRoleInAuth, OffsetDateTime creationTime, OffsetDateTime updateTime, OidcUserMeta oidcUserMeta) {

    static UserView of(User u) {
        return of(u, false);
    }

    /** With Harbor's {@code admin_role_in_auth}: a system administrator by the word of the auth source (not stored). */
    static UserView of(User u, boolean adminRoleInAuth) {
        return new UserView(u.id, u.username, u.email, u.realname, u.comment, u.sysadmin, adminRoleInAuth, u.creationTime, u.updateTime, null);
    }

    UserView with(OidcUserMeta meta) {
        return new UserView(userId, username, email, realname, comment, sysadminFlag, adminRoleInAuth || meta.adminInAuth(), creationTime, updateTime, meta);
    }
}
