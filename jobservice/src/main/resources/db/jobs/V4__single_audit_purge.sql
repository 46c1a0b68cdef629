-- One audit-log purge at a time, whichever replica or schedule starts it: a second is refused (23505), as V3 does
-- for garbage collection.
CREATE UNIQUE INDEX execution_single_purge_audit ON execution (vendor_type) WHERE vendor_type = 'PURGE_AUDIT_LOG' AND status = 'Running';
