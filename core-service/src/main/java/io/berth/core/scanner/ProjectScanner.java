package io.berth.core.scanner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The scanner registration a project chose; a project without one scans with the system default. */
@Entity
@Table(name = "project_scanner")
public class ProjectScanner extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "registration_uuid")
    public String registrationUuid;
}
