package io.berth.core.gc;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The one garbage-collection schedule, if any: Harbor's type, its cron, and the parameters of each run. */
@Entity
@Table(name = "gc_schedule")
public class GcSchedule extends TimestampedEntity {
    public String type;
    public String cron;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> parameters = new HashMap<>();

    @Column(name = "last_fired")
    public OffsetDateTime lastFired;

    public static GcSchedule current() {
        return GcSchedule.<GcSchedule>findAll().firstResult();
    }
}
