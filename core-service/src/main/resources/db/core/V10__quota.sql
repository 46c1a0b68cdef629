-- Harbor's quotas: one per project, its storage hard limit in bytes (-1: unlimited). registry-service enforces it
-- on /v2/ (docs/quotas.md); what a project uses is registry-service's (registry.project_usage_view).
--
-- project_quota_view is core's documented read contract for registry-service, as immutable_rule_view (V8):
-- registry-service reads it in the transaction of a push, one indexed query by project name. Columns may be
-- added; none is removed or renamed without a new view.

CREATE TABLE quota (
    project_id    bigint      PRIMARY KEY REFERENCES project (id) ON DELETE CASCADE,
    hard_storage  bigint      NOT NULL DEFAULT -1 CHECK (hard_storage >= -1),
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now()
);

-- Existing projects get Harbor's default: unlimited.
INSERT INTO quota (project_id, creation_time, update_time) SELECT id, creation_time, creation_time FROM project;

CREATE VIEW project_quota_view AS
SELECT p.name AS project, q.hard_storage AS hard
FROM quota q JOIN project p ON p.id = q.project_id;
