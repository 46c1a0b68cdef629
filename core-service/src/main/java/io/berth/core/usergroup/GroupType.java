package io.berth.core.usergroup;

import io.berth.common.error.HarborException;

/** Harbor's group types: where a group and its members come from. */
public enum GroupType {
    /** A group of the LDAP directory, known by its DN. */
    LDAP(1),
    /** A group that the auth proxy's token review names. */
    HTTP(2),
    /** A group that the OIDC provider's groups claim names. */
    OIDC(3);

    public final int code;

    GroupType(int code) {
        this.code = code;
    }

    /** The type of a Harbor group_type; 400 for any other number. */
    public static GroupType of(Integer code) {
        for (GroupType type : values()) {
            if (code != null && type.code == code) {
                return type;
            }
        }
        throw HarborException.badRequest("group_type must be 1 (LDAP), 2 (HTTP) or 3 (OIDC), not " + code);
    }
}
