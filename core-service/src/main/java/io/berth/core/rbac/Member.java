package io.berth.core.rbac;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * The ids of the user groups the user is in now: the memberships their identity source gave at login
     * ({@code usergroup.GroupMemberships} records them) that have not expired.
     */
    public static Set<Long> groupsOf(long userId) {
        List<?> ids = getEntityManager().createNativeQuery(
                "select group_id from core.user_group_membership where user_id = ?1 and expires_at > now()")
                .setParameter(1, userId).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).collect(Collectors.toSet());
    }

    public static Member of(long projectId, long userId) {
        return find("projectId = ?1 and userId = ?2", projectId, userId).firstResult();
    }
}
