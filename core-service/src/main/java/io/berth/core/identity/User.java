package io.berth.core.identity;

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

/** A user of the database authentication mode. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;
    public String email;
    public String realname = "";
    public String comment = "";

    @Column(name = "password_hash")
    public String passwordHash;

    public boolean sysadmin;

    @CreationTimestamp
    @Column(name = "creation_time", updatable = false)
    public OffsetDateTime creationTime;

    @UpdateTimestamp
    @Column(name = "update_time")
    public OffsetDateTime updateTime;

    public static User byName(String username) {
        return find("username", username).firstResult();
    }
}
