-- Harbor's tag retention policies (/api/v2.0/retentions): one per project, as in Harbor (the project's
-- retention_id metadata names it). The rules are Harbor's JSON (io.berth.common.retention.RetentionRule), checked by
-- core with the code jobservice applies them with; cron is the policy's Schedule trigger (six fields, UTC), NULL for
-- none. Runs are RETENTION executions in jobservice (vendor_id = the policy's id).
CREATE TABLE retention_policy (
    id            bigserial   PRIMARY KEY,
    project_id    bigint      NOT NULL UNIQUE REFERENCES project (id) ON DELETE CASCADE,
    rules         jsonb       NOT NULL,
    cron          text,
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now()
);
