package io.berth.core.project;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;

/** A project: the first component of repository names, the unit of access control. */
@Entity
@Table(name = "project")
public class Project extends TimestampedEntity {
    public String name;

    @Column(name = "owner_id")
    public Long ownerId;

    /** The registry endpoint a proxy-cache project pulls from; null for an ordinary project. */
    @Column(name = "registry_id")
    public Long registryId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_metadata", joinColumns = @JoinColumn(name = "project_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "value")
    public Map<String, String> metadata = new HashMap<>();

    public boolean isPublic() {
        return Boolean.parseBoolean(metadata.getOrDefault("public", "false"));
    }

    public static Project byName(String name) {
        return find("name", name).firstResult();
    }
}
