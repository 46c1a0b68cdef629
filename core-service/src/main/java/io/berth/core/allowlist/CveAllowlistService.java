package io.berth.core.allowlist;

import io.berth.core.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * The system CVE allowlist: read by any signed-in user, replaced by system administrators; the verdicts of the projects
 * that follow it ({@code reuse_sys_cve_allowlist}) are recomputed in the same transaction. Project lists are written by
 * {@code project.ProjectService} with the rest of the project.
 */
@ApplicationScoped
public class CveAllowlistService {
    private final CveAllowlists lists;
    private final Event<SystemAllowlistChanged> changed;
    private final AuditLog audit;

    CveAllowlistService(CveAllowlists lists, Event<SystemAllowlistChanged> changed, AuditLog audit) {
        this.lists = lists;
        this.changed = changed;
        this.audit = audit;
    }

    public CveAllowlist system() {
        return lists.system();
    }

    /** Replaces the system list; 400 (nothing changed) for a bad one. */
    @Transactional
    public void replaceSystem(CveAllowlistRequest request) {
        if (request == null) {
            throw io.berth.common.error.HarborException.badRequest("a CVE allowlist is required: {\"items\": [{\"cve_id\": ...}], \"expires_at\": ...}");
        }
        lists.save(null, request.validate("cve_allowlist"));
        changed.fire(new SystemAllowlistChanged());
        audit.success(null, "system CVE allowlist", "configuration", "update");
    }
}
