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
 * The schedule of one housekeeping job kind, if it has one (table {@code schedule}, one row per {@link #kind}):
 * Harbor's type, its cron, the parameters of each run, and the slot it last fired for.
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

    @Column(name = "last_fired")
    public OffsetDateTime lastFired;

    /** The schedule of {@code kind}, or null. */
    public static Schedule of(String kind) {
        return Schedule.<Schedule>find("kind", kind).firstResult();
    }
}
