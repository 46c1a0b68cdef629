package io.berth.core.retention;

import io.berth.common.retention.RetentionRule;
import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A project's tag retention policy (db/core V14): its rules in Harbor's shape and its schedule's cron (null: none). */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy extends TimestampedEntity {
    @Column(name = "project_id")
    public long projectId;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<RetentionRule> rules = new ArrayList<>();

    public String cron;

    public static RetentionPolicy ofProject(long projectId) {
        return find("projectId", projectId).firstResult();
    }
}
