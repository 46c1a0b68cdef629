package io.berth.core.quota;

import io.berth.core.persistence.HarborTimes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A project's quota (db/core V10): its storage hard limit in bytes, -1 for unlimited. Harbor numbers a quota as its
 * project. registry-service reads it through {@code core.project_quota_view} and enforces it on {@code /v2/}.
 */
@Entity
@Table(name = "quota")
public class ProjectQuota extends HarborTimes {
    @Id
    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "hard_storage")
    public long hardStorage = -1;
}
