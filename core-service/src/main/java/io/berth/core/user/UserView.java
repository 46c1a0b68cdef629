package io.berth.core.user;

import java.time.OffsetDateTime;

/** Harbor's UserResp. */
public record UserView(long userId, String username, String email, String realname, String comment, boolean sysadminFlag,
        boolean adminRoleInAuth, OffsetDateTime creationTime, OffsetDateTime updateTime) {

    static UserView of(User u) {
        return new UserView(u.id, u.username, u.email, u.realname, u.comment, u.sysadmin, false, u.creationTime, u.updateTime);
    }
}
