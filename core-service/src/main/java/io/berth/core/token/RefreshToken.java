package io.berth.core.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A refresh token of the OAuth2 flow, kept as its SHA-256 only. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    /** {@code user:<id>} or {@code robot:<id>}. */
    public String subject;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
