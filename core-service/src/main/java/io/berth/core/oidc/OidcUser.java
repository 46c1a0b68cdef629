package io.berth.core.oidc;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A user onboarded from the OpenID provider (db/core V30): their provider identity, CLI secret and provider session. */
@Entity
@Table(name = "oidc_user")
public class OidcUser extends TimestampedEntity {
    @Column(name = "user_id")
    public long userId;
    public String issuer;
    public String subject;
    /** The CLI secret, sealed. */
    public String secret;
    /** The provider's refresh token, sealed; null when the provider gave none. */
    @Column(name = "refresh_token")
    public String refreshToken;
    /** When the provider last confirmed the session: the last portal login or refresh. */
    @Column(name = "refreshed_at")
    public OffsetDateTime refreshedAt;
    /** Whether the user was in oidc_admin_group then. */
    @Column(name = "admin_in_auth")
    public boolean adminInAuth;

    static OidcUser byIdentity(String issuer, String subject) {
        return find("issuer = ?1 and subject = ?2", issuer, subject).firstResult();
    }

    static OidcUser byUserId(long userId) {
        return find("userId", userId).firstResult();
    }

    /** Harbor's {@code subiss}: the subject followed by the issuer. */
    String subiss() {
        return subject + issuer;
    }
}
