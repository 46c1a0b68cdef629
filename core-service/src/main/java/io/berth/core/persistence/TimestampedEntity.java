package io.berth.core.persistence;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * An entity whose table has a generated {@code id} and Harbor's {@code creation_time} and
 * {@code update_time} columns, kept by Hibernate.
 */
@MappedSuperclass
public abstract class TimestampedEntity extends HarborTimes {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
}
