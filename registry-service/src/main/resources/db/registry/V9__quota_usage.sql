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

-- The quota check of a push into a limited project (docs/quotas.md), sent by registry-service right before its
-- COMMIT, pipelined (nothing waits in between): takes the project's transaction-scoped advisory lock, then sums the
-- project's usage in a statement of its own (a VOLATILE function takes a new snapshot for each statement under READ
-- COMMITTED, so the sum sees every push that held the lock before, each holding it until its commit, and the calling
-- transaction's own rows). Above the hard limit it raises BQ001 (DETAIL: the usage), which turns the COMMIT that
-- follows into a rollback; a push that takes the usage to 85 % or more from below records the QUOTA_WARNING event it
-- is given. (0x0B47, hashtext(project)) is in the two-key advisory lock space; the migrations' lock uses one key.
CREATE FUNCTION registry.quota_check(p text, hard bigint, added bigint, warning jsonb) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    total bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(2887, hashtext(p));
    SELECT coalesce(sum(used), 0) INTO total FROM registry.project_usage_view WHERE project = p;
    IF total > hard THEN
        RAISE EXCEPTION USING ERRCODE = 'BQ001', MESSAGE = 'storage quota of project ' || p || ' exceeded', DETAIL = total::text;
    END IF;
    IF total >= 0.85 * hard AND total - added < 0.85 * hard THEN
        INSERT INTO registry.outbox (type, payload) VALUES ('QUOTA_WARNING', warning || jsonb_build_object('details',
            format('quota usage reached %s%%: %s of %s bytes', round(100.0 * total / greatest(hard, 1)), total, hard)));
    END IF;
    RETURN total;
END
$$;
