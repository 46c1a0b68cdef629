package io.berth.core.signature;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A key a project trusts for its signatures (db/core V27); registry-service reads the fingerprints through {@code core.content_trust_view}. */
@Entity
@Table(name = "trusted_key")
public class TrustedKey extends TimestampedEntity {
    @Column(name = "project_id")
    public long projectId;

    /** {@code cosign} (an ECDSA P-256 public key) or {@code notation} (an X.509 trust anchor). */
    public String kind;

    public String pem;

    /** SHA-256 (hex) of the key's DER (cosign) or the certificate's (Notation). */
    public String fingerprint;

    public String description;

    /** A trusted key as the API reads and writes it. */
    public record View(Long id, String kind, String pem, String fingerprint, String description, OffsetDateTime creationTime) {}

    public View view() {
        return new View(id, kind, pem, fingerprint, description, creationTime);
    }
}
