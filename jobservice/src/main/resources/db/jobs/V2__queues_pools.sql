-- Queue controls (pause per job kind) and the jobservice processes at work, for Harbor's
-- /api/v2.0/jobservice/{queues,pools} on core.

CREATE TABLE queue (
    kind   text    PRIMARY KEY,
    paused boolean NOT NULL DEFAULT false
);

CREATE TABLE worker_pool (
    id           text        PRIMARY KEY,          -- pid@host of a jobservice process
    host         text        NOT NULL,
    pid          bigint      NOT NULL,
    kinds        text        NOT NULL,             -- job kinds it runs, comma-separated
    concurrency  int         NOT NULL,             -- worker threads per kind
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- Pending work per kind: how many tasks, how long the oldest due one has waited, whether paused.
CREATE VIEW queue_view AS
SELECT k.kind,
       (SELECT count(*) FROM task t WHERE t.kind = k.kind AND t.status = 'Pending') AS pending,
       coalesce((SELECT extract(epoch FROM now() - min(t.run_after))::bigint FROM task t
                 WHERE t.kind = k.kind AND t.status = 'Pending' AND t.run_after <= now()), 0) AS latency_seconds,
       coalesce(q.paused, false) AS paused
FROM (SELECT kind FROM queue UNION SELECT DISTINCT kind FROM task) k
LEFT JOIN queue q ON q.kind = k.kind;

-- Processes heard of in the last minute.
CREATE VIEW pool_view AS
SELECT id, host, pid, kinds, concurrency, started_at, heartbeat_at FROM worker_pool WHERE heartbeat_at > now() - interval '1 minute';

-- What each worker of those processes runs now (owner = <pool id>/<kind>-<n>).
CREATE VIEW worker_view AS
SELECT t.owner AS id, split_part(t.owner, '/', 1) AS pool_id, t.kind, t.id AS task_id, t.execution_id, t.start_time, t.heartbeat
FROM task t WHERE t.status = 'Running' AND t.owner IS NOT NULL;
