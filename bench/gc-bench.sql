-- gc-bench.sh's metadata, straight into registry-service's schema (idempotent: run again, it puts back what a GC took).
-- :manifests manifests over 1,000 repositories of 100 projects, each referencing 9 blobs of its own; :blobs blob rows.
-- In use: the tagged manifests (9 in 10), their blobs, links and usage. Garbage (all stored a day ago):
--   M  the untagged manifests (1 in 10), and after them their links (L) and blobs (B);
--   L  links of half the blobs no manifest references, in one repository;
--   B  every blob no manifest references (those links gone).
\set ON_ERROR_STOP on
SET search_path = registry;
SET synchronous_commit = off;
INSERT INTO repository (name, project)
SELECT 'gcb' || p || '/app' || r, 'gcb' || p FROM generate_series(0, 99) p, generate_series(0, 9) r
ON CONFLICT (name) DO NOTHING;
CREATE TEMP TABLE repo_ix AS
SELECT (row_number() OVER (ORDER BY id) - 1)::int AS ix, id, project FROM repository WHERE name LIKE 'gcb%/app%';
CREATE UNIQUE INDEX ON repo_ix (ix);

INSERT INTO blob (digest, size, created_at)
SELECT 'sha256:' || md5('b' || i) || md5('c' || i), 1000 + i % 5000, now() - interval '1 day'
FROM generate_series(1, :blobs) i
ON CONFLICT DO NOTHING;

INSERT INTO manifest (repository_id, digest, media_type, content, total_size, pushed_at, touched_at)
SELECT r.id, 'sha256:' || md5('m' || j) || md5('n' || j), 'application/vnd.oci.image.manifest.v1+json',
       convert_to('{"bench":' || j || '}', 'UTF8'), 30000, now() - interval '1 day', now() - interval '1 day'
FROM generate_series(1, :manifests) j, repo_ix r WHERE r.ix = j % 1000
ON CONFLICT DO NOTHING;

INSERT INTO manifest_blob (repository_id, manifest_digest, blob_digest)
SELECT r.id, 'sha256:' || md5('m' || j) || md5('n' || j), 'sha256:' || md5('b' || ((j - 1) * 9 + k)) || md5('c' || ((j - 1) * 9 + k))
FROM generate_series(1, :manifests) j, generate_series(1, 9) k, repo_ix r WHERE r.ix = j % 1000
ON CONFLICT DO NOTHING;

INSERT INTO tag (repository_id, name, manifest_digest)
SELECT r.id, 'v' || j, 'sha256:' || md5('m' || j) || md5('n' || j)
FROM generate_series(1, :manifests) j, repo_ix r WHERE r.ix = j % 1000 AND j % 10 <> 0
ON CONFLICT DO NOTHING;

INSERT INTO repository_blob (repository_id, digest, created_at, linked_at)
SELECT repository_id, blob_digest, now() - interval '1 day', now() - interval '1 day'
FROM manifest_blob WHERE repository_id IN (SELECT id FROM repo_ix)
ON CONFLICT DO NOTHING;
INSERT INTO repository_blob (repository_id, digest, created_at, linked_at)
SELECT (SELECT id FROM repo_ix WHERE ix = 0), 'sha256:' || md5('b' || i) || md5('c' || i), now() - interval '1 day', now() - interval '1 day'
FROM generate_series(9 * :manifests + 1, 9 * :manifests + (:blobs - 9 * :manifests) / 2) i
ON CONFLICT DO NOTHING;

INSERT INTO project_blob (project, digest, size)
SELECT DISTINCT r.project, rb.digest, b.size
FROM repository_blob rb JOIN repo_ix r ON r.id = rb.repository_id JOIN blob b ON b.digest = rb.digest
ON CONFLICT DO NOTHING;
ANALYZE;
