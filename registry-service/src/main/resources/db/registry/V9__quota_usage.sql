-- Storage quotas (docs/quotas.md). A project's usage is counted as Harbor counts it: each blob once per project
-- (project_blob, unchanged) plus the bytes of each manifest of the project's repositories.

-- The manifest's own bytes, kept by PostgreSQL itself (no statement names it): summing it reads no content.
-- Adding a stored generated column rewrites the table once, under the migration's lock.
ALTER TABLE manifest ADD COLUMN content_size bigint GENERATED ALWAYS AS (octet_length(content)) STORED;

-- "The manifests' bytes of project P" without reading the table's rows: repository (project, name) gives P's
-- repositories, this their manifests' sizes.
CREATE INDEX IF NOT EXISTS manifest_content_size ON manifest (repository_id) INCLUDE (content_size);

-- What a project uses (bytes): registry-service's documented read contract for core's quota and project APIs,
-- and what registry-service itself sums when it checks a hard limit. A project with nothing stored has no row.
-- Read it with WHERE project = ...: the condition is pushed into both branches (indexed).
CREATE VIEW registry.project_usage_view AS
SELECT project, sum(size)::bigint AS used FROM (
    SELECT project, size FROM registry.project_blob
    UNION ALL
    SELECT r.project, m.content_size FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id
) usage
GROUP BY project;
