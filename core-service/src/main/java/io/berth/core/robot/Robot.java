package io.berth.core.robot;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A robot account: a name, a hashed secret, a duration and the expiry it gives, and permissions per project. */
@Entity
@Table(name = "robot")
public class Robot extends TimestampedEntity {
    public String name;
    public String description = "";
    public String level;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "secret_hash")
    public String secretHash;

    /** Days from the creation time to the expiry, as given; -1: never expires. */
    public long duration = -1;

    /** The creation time plus {@link #duration} days; null: never. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public boolean disabled;
    public String creator = "";

    /** Whether the robot may be used at {@code now}: not disabled, and not expired (it expires at {@link #expiresAt}). */
    public boolean usable(OffsetDateTime now) {
        return !disabled && (expiresAt == null || expiresAt.isAfter(now));
    }

    public static Robot byName(String name) {
        return find("name", name).firstResult();
    }
}
