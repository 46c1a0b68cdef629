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

-- The quota check of a push into a limited project (docs/quotas.md), in one round trip: takes the project's
-- transaction-scoped advisory lock, then sums its usage in a statement of its own. A VOLATILE function takes a new
-- snapshot for each statement under READ COMMITTED, so the sum sees every push that held the lock before (each holds
-- it until its commit), and the calling transaction's own rows. (0x0B47, hashtext(project)): the two-key advisory lock
-- space; the migrations' lock uses the one-key space.
CREATE FUNCTION registry.quota_lock_and_sum(p text) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    total bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(2887, hashtext(p));
    SELECT coalesce(sum(used), 0) INTO total FROM registry.project_usage_view WHERE project = p;
    RETURN total;
END
$$;
