package io.berth.core.replication;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A replication policy: from where to where, which repositories and tags, and when. A null registry is this Berth. */
@Entity
@Table(name = "replication_policy")
public class ReplicationPolicy extends TimestampedEntity {
    /** Harbor's filter: {@code type} name, tag, label or resource; a glob {@code value}; {@code decoration} matches or excludes. */
    public record Filter(String type, Object value, String decoration) {}

    public String name;
    public String description = "";
    /** Who created it (Harbor's REPLICATION webhook event names them); '' for policies from before V16. */
    public String creator = "";

    @Column(name = "src_registry_id")
    public Long srcRegistryId;

    @Column(name = "dest_registry_id")
    public Long destRegistryId;

    @Column(name = "dest_namespace")
    public String destNamespace;

    @Column(name = "dest_namespace_replace_count")
    public int destNamespaceReplaceCount = -1;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Filter> filters = new ArrayList<>();

    @Column(name = "trigger_type")
    public String triggerType = "manual";

    public String cron;

    @Column(name = "replicate_deletion")
    public boolean replicateDeletion;

    public boolean override;
    public boolean enabled;

    /** KB/s per task; 0 (or, in rows from before V5, -1): unlimited. */
    public int speed;

    @Column(name = "copy_by_chunk")
    public boolean copyByChunk;

    @Column(name = "last_fired")
    public OffsetDateTime lastFired;
}
