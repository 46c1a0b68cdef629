-- The end of an execution as an event (docs/webhooks.md: Harbor's REPLICATION webhook event): the statement that ends
-- an execution whose kind has an end event sets end_event_pending in the same transaction; ExecutionEndRelay puts the
-- event on the Redis stream berth:events:executions and clears it (at least once: a relay that dies before clearing
-- sends it again; consumers deduplicate by the event's id). Executions that ended before this migration send none.
ALTER TABLE execution ADD COLUMN end_event_pending boolean NOT NULL DEFAULT false;
CREATE INDEX execution_end_event_pending ON execution (id) WHERE end_event_pending;
