package io.berth.core.audit;

import io.berth.core.identity.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/** Writes the audit log: core's own changes and login failures. */
@ApplicationScoped
public class AuditLog {
    private final CurrentCaller current;

    AuditLog(CurrentCaller current) {
        this.current = current;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void loginFailure(String account, String clientAddress, String why) {
        record(account, null, account, "user", "login", "failure: " + why, clientAddress);
    }

    /** A change the current caller made, from their address, that worked. */
    @Transactional
    public void success(String project, String resource, String resourceType, String operation) {
        record(current.get().name(), project, resource, resourceType, operation, "success", current.clientAddress());
    }

    @Transactional
    public void record(String username, String project, String resource, String resourceType, String operation,
            String result, String clientAddress) {
        AuditEntry entry = new AuditEntry();
        entry.username = username;
        entry.project = project;
        entry.resource = resource;
        entry.resourceType = resourceType;
        entry.operation = operation;
        entry.result = result;
        entry.clientIp = clientAddress;
        entry.opTime = OffsetDateTime.now();
        entry.persist();
    }
}
