package io.berth.core.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/** A user's role in a project. */
@Entity
@Table(name = "project_member")
public class Member extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public long projectId;

    @Column(name = "user_id")
    public long userId;

    @Column(name = "role_id")
    public int roleId;

    @CreationTimestamp
    @Column(name = "creation_time", updatable = false)
    public OffsetDateTime creationTime;

    @UpdateTimestamp
    @Column(name = "update_time")
    public OffsetDateTime updateTime;

    public static Member of(long projectId, long userId) {
        return find("projectId = ?1 and userId = ?2", projectId, userId).firstResult();
    }
}
