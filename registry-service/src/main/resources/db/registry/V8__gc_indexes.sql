-- The indexes GC's candidate queries and the foreign-key checks of DELETE FROM blob need.
-- Built without CONCURRENTLY: replicas migrate one at a time under an advisory lock (SchemaMigrator), and the
-- replicas waiting for that lock sit in a statement that holds a snapshot, which CREATE INDEX CONCURRENTLY would wait
-- for, forever. On a large installation build them by hand with CONCURRENTLY before upgrading (IF NOT EXISTS makes
-- this migration a no-op then; see docs/gc.md).

-- "Does a manifest of repository R reference blob D?" (link GC) and "does any manifest reference D?" (blob GC and
-- the FK check of DELETE FROM blob): one index serves both; it replaces manifest_blob_blob (blob_digest).
CREATE INDEX IF NOT EXISTS manifest_blob_blob_repo ON manifest_blob (blob_digest, repository_id);
DROP INDEX IF EXISTS manifest_blob_blob;

-- "Does any project count blob D?" (blob GC and the FK check of DELETE FROM blob, which scanned project_blob).
CREATE INDEX IF NOT EXISTS project_blob_digest ON project_blob (digest);
