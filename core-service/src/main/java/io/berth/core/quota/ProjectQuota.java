package io.berth.core.quota;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/**
 * A project's quota (db/core V10): its storage hard limit in bytes, -1 for unlimited. Harbor numbers a quota as its
 * project. registry-service reads it through {@code core.project_quota_view} and enforces it on {@code /v2/}.
 */
@Entity
@Table(name = "quota")
public class ProjectQuota extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "hard_storage")
    public long hardStorage = -1;

    @CreationTimestamp
    @Column(name = "creation_time", updatable = false)
    public OffsetDateTime creationTime;

    @UpdateTimestamp
    @Column(name = "update_time")
    public OffsetDateTime updateTime;
}
