package io.berth.core.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A webhook policy of a project (db/core V13); its targets' auth headers and its secret are sealed. */
@Entity
@Table(name = "webhook_policy")
public class WebhookPolicy extends TimestampedEntity {
    @Column(name = "project_id")
    public long projectId;

    public String name;

    public String description = "";

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Target> targets = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types")
    public List<String> eventTypes = new ArrayList<>();

    public boolean enabled = true;

    /** The HMAC-SHA256 secret, sealed. */
    public String secret;

    public String creator = "";

    /** Harbor's WebhookTargetObject: {@code type} http or slack, {@code payload_format} Default, CloudEvents (http) or Slack. */
    public record Target(String type, String address, String authHeader, Boolean skipCertVerify, String payloadFormat) {}

    /**
     * Harbor's WebhookPolicy as the API reads and writes it; {@code secret} only in the answer to a create (Berth's
     * signing secret, shown once).
     */
    public record View(Long id, String name, String description, Long projectId, List<Target> targets, List<String> eventTypes,
            String creator, OffsetDateTime creationTime, OffsetDateTime updateTime, Boolean enabled,
            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {}
}
