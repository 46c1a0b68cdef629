package io.berth.core.rbac;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A user's or a user group's role in a project (one of the two ids is set). */
@Entity
@Table(name = "project_member")
public class Member extends TimestampedEntity {
    @Column(name = "project_id")
    public long projectId;

    @Column(name = "user_id")
    public Long userId;

    @Column(name = "group_id")
    public Long groupId;

    @Column(name = "role_id")
    public int roleId;

    public static Member of(long projectId, long userId) {
        return find("projectId = ?1 and userId = ?2", projectId, userId).firstResult();
    }
}
