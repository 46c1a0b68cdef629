package io.berth.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/** Writes the audit log: core's own changes and login failures. */
@ApplicationScoped
public class AuditLog {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void loginFailure(String account, String clientAddress, String why) {
        record(account, null, account, "user", "login", "failure: " + why, clientAddress);
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
