-- A task's report: counters a runner keeps as it goes (a garbage collection's manifests, blobs and bytes
-- freed), saved with each heartbeat and at its end, read back when an attempt is retried so counts go on.
ALTER TABLE task ADD COLUMN report jsonb NOT NULL DEFAULT '{}';

CREATE OR REPLACE VIEW task_view AS
SELECT id, execution_id, kind, params, status, status_message, attempts, bytes, log, creation_time, start_time, end_time,
       update_time, report
FROM task;

-- One garbage collection at a time, whichever replica or schedule starts it: a second is refused (23505).
CREATE UNIQUE INDEX execution_single_gc ON execution (vendor_type) WHERE vendor_type = 'GARBAGE_COLLECTION' AND status = 'Running';
