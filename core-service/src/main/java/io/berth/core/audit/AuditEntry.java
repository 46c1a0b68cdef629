package io.berth.core.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One line of the audit log: who did what to which resource, when, and whether it worked. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id")
    public String eventId;

    public String username;
    public String project;
    public String resource;

    @Column(name = "resource_type")
    public String resourceType;

    public String operation;
    public String result = "success";

    @Column(name = "client_ip")
    public String clientIp;

    @Column(name = "op_time")
    public OffsetDateTime opTime;
}
