-- Harbor's run-time settings (/api/v2.0/configurations): one row per key set through the API. A key without a row
-- has its default; a key pinned in berth.yaml (configurations.*) wins over its row. Secrets are sealed with
-- secret_key_file (sealed = true) and never returned by the API.
CREATE TABLE configuration (
    key         text        PRIMARY KEY,
    value       text        NOT NULL,
    sealed      boolean     NOT NULL DEFAULT false,
    update_time timestamptz NOT NULL DEFAULT now()
);

-- system_flags_view is core's documented read contract for registry-service: one row, read_only as stored
-- (registry-service caches it for a few seconds; a berth.yaml value it reads itself). Columns may be added.
CREATE VIEW system_flags_view AS
SELECT coalesce((SELECT value = 'true' FROM configuration WHERE key = 'read_only'), false) AS read_only;
