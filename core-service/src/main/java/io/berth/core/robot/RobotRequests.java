package io.berth.core.robot;

import java.time.OffsetDateTime;
import java.util.List;

/** Harbor's robot API bodies. Times a robot expires at are Unix seconds, -1 for never, as Harbor's. */
public final class RobotRequests {
    private RobotRequests() {}

    /** {@code effect}: allow (or left out); Berth has no deny. */
    public record Access(String resource, String action, String effect) {}

    /** {@code kind}: project (or left out); {@code namespace}: a project name, or * for every project. */
    public record Permission(String kind, String namespace, List<Access> access) {}

    /** RobotCreate: {@code duration} in days, -1 (or left out) for never. */
    public record Create(String name, String description, String level, Boolean disable, Long duration, List<Permission> permissions) {}

    /**
     * Robot as read and updated. A PUT changes the description, disable, the duration (the expiry is then
     * recomputed from the creation time) and the permissions (when given); name and level cannot change.
     */
    public record View(long id, String name, String description, String level, Long duration, boolean editable, boolean disable,
            Long expiresAt, List<Permission> permissions, OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    public record Created(long id, String name, String secret, OffsetDateTime creationTime, long expiresAt) {}

    public record Secret(String secret) {}
}
