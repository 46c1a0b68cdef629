-- The durable record of jobs. Redis streams only carry "task N is due"; what runs, how often it
-- was tried and who holds it is decided here, so a flushed Redis loses nothing and a task never
-- runs twice at once (a claim is an UPDATE guarded by status and heartbeat).

CREATE TABLE execution (
    id             bigserial   PRIMARY KEY,
    vendor_type    text        NOT NULL,             -- REPLICATION, ...
    vendor_id      bigint      NOT NULL,             -- the policy
    trigger        text        NOT NULL,             -- MANUAL, SCHEDULE, EVENT
    status         text        NOT NULL DEFAULT 'Running',  -- Running, Success, Error, Stopped
    status_message text,
    stop_requested boolean     NOT NULL DEFAULT false,
    start_time     timestamptz NOT NULL DEFAULT now(),
    end_time       timestamptz
);
CREATE INDEX execution_vendor ON execution (vendor_type, vendor_id, id DESC);

CREATE TABLE task (
    id             bigserial   PRIMARY KEY,
    execution_id   bigint      NOT NULL REFERENCES execution ON DELETE CASCADE,
    kind           text        NOT NULL,
    params         jsonb       NOT NULL,
    status         text        NOT NULL DEFAULT 'Pending',  -- Pending, Running, Success, Error, Stopped
    status_message text,
    attempts       int         NOT NULL DEFAULT 0,
    run_after      timestamptz NOT NULL DEFAULT now(),    -- retries wait until then
    dispatched_at  timestamptz,                           -- last put on its Redis stream
    owner          text,                                  -- worker running it
    heartbeat      timestamptz,                           -- last sign of life of that worker
    bytes          bigint      NOT NULL DEFAULT 0,
    log            text        NOT NULL DEFAULT '',
    creation_time  timestamptz NOT NULL DEFAULT now(),
    start_time     timestamptz,
    end_time       timestamptz,
    update_time    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_execution ON task (execution_id, id);
CREATE INDEX task_due ON task (run_after) WHERE status = 'Pending';
CREATE INDEX task_running ON task (heartbeat) WHERE status = 'Running';

-- What core-service reads for Harbor's execution and task APIs.
CREATE VIEW execution_view AS
SELECT e.id, e.vendor_type, e.vendor_id, e.trigger, e.status, e.status_message, e.start_time, e.end_time,
       count(t.id) AS total,
       count(t.id) FILTER (WHERE t.status = 'Pending') AS pending,
       count(t.id) FILTER (WHERE t.status = 'Running') AS running,
       count(t.id) FILTER (WHERE t.status = 'Success') AS succeed,
       count(t.id) FILTER (WHERE t.status = 'Error') AS failed,
       count(t.id) FILTER (WHERE t.status = 'Stopped') AS stopped,
       coalesce(sum(t.bytes), 0)::bigint AS bytes
FROM execution e LEFT JOIN task t ON t.execution_id = e.id
GROUP BY e.id;

CREATE VIEW task_view AS
SELECT id, execution_id, kind, params, status, status_message, attempts, bytes, log, creation_time, start_time, end_time, update_time
FROM task;
