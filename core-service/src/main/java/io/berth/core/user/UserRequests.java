package io.berth.core.user;

/** Request bodies of the user API, with Harbor's field names. */
public final class UserRequests {
    private UserRequests() {}

    public record Creation(String username, String email, String realname, String password, String comment) {}

    public record Profile(String email, String realname, String comment) {}

    public record PasswordChange(String oldPassword, String newPassword) {}

    /** Harbor's UserSysAdminFlag: a flag left out or null is false. */
    public record SysadminFlag(Boolean sysadminFlag) {}
}
