package io.berth.core.rbac;

import io.berth.common.error.HarborException;
import java.util.Arrays;

/** Project roles with Harbor's ids and names. */
public enum Role {
    PROJECT_ADMIN(1, "projectAdmin"),
    DEVELOPER(2, "developer"),
    GUEST(3, "guest"),
    MAINTAINER(4, "maintainer"),
    LIMITED_GUEST(5, "limitedGuest");

    private final int id;
    private final String harborName;

    Role(int id, String harborName) {
        this.id = id;
        this.harborName = harborName;
    }

    public int id() {
        return id;
    }

    public String harborName() {
        return harborName;
    }

    public static Role of(int id) {
        return Arrays.stream(values()).filter(r -> r.id == id).findFirst()
                .orElseThrow(() -> HarborException.badRequest("unknown role_id " + id + " (1 projectAdmin, 2 developer, 3 guest, 4 maintainer, 5 limitedGuest)"));
    }
}
