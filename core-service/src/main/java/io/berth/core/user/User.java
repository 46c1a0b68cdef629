package io.berth.core.user;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A user of the database authentication mode. */
@Entity
@Table(name = "users")
public class User extends TimestampedEntity {
    public String username;
    public String email;
    public String realname = "";
    public String comment = "";

    @Column(name = "password_hash")
    public String passwordHash;

    public boolean sysadmin;

    public static User byName(String username) {
        return find("username", username).firstResult();
    }
}
