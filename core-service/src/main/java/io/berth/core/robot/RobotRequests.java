package io.berth.core.robot;

import java.time.OffsetDateTime;
import java.util.List;

/** Harbor's robot API bodies. */
public final class RobotRequests {
    private RobotRequests() {}

    public record Access(String resource, String action, String effect) {}

    public record Permission(String kind, String namespace, List<Access> access) {}

    /** RobotCreate: {@code duration} in days, -1 for never. */
    public record Create(String name, String description, String level, Boolean disable, Long duration, List<Permission> permissions) {}

    /** Robot as read and updated. */
    public record View(long id, String name, String description, String level, long duration, boolean editable, boolean disable,
            OffsetDateTime expiresAt, List<Permission> permissions, OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    public record Created(long id, String name, String secret, OffsetDateTime creationTime, OffsetDateTime expiresAt) {}

    public record Secret(String secret) {}
}
