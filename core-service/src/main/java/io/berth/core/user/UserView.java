package io.berth.core.user;

import java.time.OffsetDateTime;

/** Harbor's UserResp. */
public record UserView(long userId, String username, String email, String realname, String comment, boolean sysadminFlag,
        boolean adminRoleInAuth, OffsetDateTime creationTime, OffsetDateTime updateTime) {

    static UserView of(User u) {
        return of(u, false);
    }

    /** With Harbor's {@code admin_role_in_auth}: a system administrator by the word of the auth source (not stored). */
    static UserView of(User u, boolean adminRoleInAuth) {
        return new UserView(u.id, u.username, u.email, u.realname, u.comment, u.sysadmin, adminRoleInAuth, u.creationTime, u.updateTime);
    }
}
