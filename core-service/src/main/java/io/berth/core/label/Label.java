package io.berth.core.label;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A label: global ({@code scope} g) or of one project (p). */
@Entity
@Table(name = "label")
public class Label extends TimestampedEntity {
    public static final String GLOBAL = "g";
    public static final String PROJECT = "p";

    public String name;
    public String description = "";
    public String color = "";
    public String scope;

    @Column(name = "project_id")
    public Long projectId;

    /** Harbor's Label JSON. */
    public record View(long id, String name, String description, String color, String scope, long projectId,
            OffsetDateTime creationTime, OffsetDateTime updateTime) {}

    public View view() {
        return new View(id, name, description, color, scope, projectId == null ? 0 : projectId, creationTime, updateTime);
    }
}
