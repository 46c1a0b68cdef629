package io.berth.core.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/** An entity whose table has Harbor's {@code creation_time} and {@code update_time} columns, kept by Hibernate. */
@MappedSuperclass
public abstract class HarborTimes extends PanacheEntityBase {
    @CreationTimestamp
    @Column(name = "creation_time", updatable = false)
    public OffsetDateTime creationTime;

    @UpdateTimestamp
    @Column(name = "update_time")
    public OffsetDateTime updateTime;
}
