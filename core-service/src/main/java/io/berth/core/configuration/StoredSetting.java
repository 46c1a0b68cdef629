package io.berth.core.configuration;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A configuration value set through the API (db/core V23); a sealed one is a secret. */
@Entity
@Table(name = "configuration")
class StoredSetting extends PanacheEntityBase {
    @Id
    public String key;
    public String value;
    public boolean sealed;
    @Column(name = "update_time")
    public OffsetDateTime updateTime;
}
