-- Harbor's execution extra_attrs: what an execution is about beyond its vendor (a webhook execution's event type
-- and event id, read by core for /webhook/policies/{id}/executions and /webhook/lasttrigger).
ALTER TABLE execution ADD COLUMN extra_attrs jsonb NOT NULL DEFAULT '{}';

-- Columns are added at the end: core reads execution_view by column name.
CREATE OR REPLACE VIEW execution_view AS
SELECT e.id, e.vendor_type, e.vendor_id, e.trigger, e.status, e.status_message, e.start_time, e.end_time,
       count(t.id) AS total,
       count(t.id) FILTER (WHERE t.status = 'Pending') AS pending,
       count(t.id) FILTER (WHERE t.status = 'Running') AS running,
       count(t.id) FILTER (WHERE t.status = 'Success') AS succeed,
       count(t.id) FILTER (WHERE t.status = 'Error') AS failed,
       count(t.id) FILTER (WHERE t.status = 'Stopped') AS stopped,
       coalesce(sum(t.bytes), 0)::bigint AS bytes,
       e.extra_attrs
FROM execution e LEFT JOIN task t ON t.execution_id = e.id
GROUP BY e.id;

-- The last execution of each webhook policy per event type: Harbor's /webhook/lasttrigger.
CREATE INDEX execution_webhook_last ON execution (vendor_id, (extra_attrs ->> 'event_type'), start_time DESC)
    WHERE vendor_type = 'WEBHOOK';
