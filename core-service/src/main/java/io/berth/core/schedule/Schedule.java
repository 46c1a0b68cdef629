package io.berth.core.schedule;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The schedule of one housekeeping job kind, if it has one (table {@code schedule}, one row per {@link #kind} with no
 * {@link #ref}), or of one policy of a kind that has a schedule per policy (tag retention: {@link #ref} is the policy's
 * id): Harbor's type, its cron, the parameters of each run, and the slot it last fired for.
 */
@Entity
@Table(name = "schedule")
public class Schedule extends TimestampedEntity {
    /** The job kind ({@link ScheduledJob#kind()}). */
    public String kind;
    public String type;
    public String cron;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> parameters = new HashMap<>();

    /** The policy this schedule belongs to, or null for a housekeeping job kind's one schedule. */
    public Long ref;

    @Column(name = "last_fired")
    public OffsetDateTime lastFired;

    /** The schedule of housekeeping job {@code kind}, or null. */
    public static Schedule of(String kind) {
        return Schedule.<Schedule>find("kind = ?1 and ref is null", kind).firstResult();
    }

    /** The schedule of policy {@code ref} of {@code kind}, or null. */
    public static Schedule of(String kind, long ref) {
        return Schedule.<Schedule>find("kind = ?1 and ref = ?2", kind, ref).firstResult();
    }
}
