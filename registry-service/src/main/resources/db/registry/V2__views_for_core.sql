-- The views core-service reads (its repository, artifact, quota and statistics APIs). They are
-- registry-service's documented read contract: core never writes these tables; deletions go
-- through the /v2/ API. Columns may be added; none is removed or renamed without a new view.

CREATE VIEW registry.repository_view AS
SELECT r.id, r.name, r.project, r.created_at AS creation_time, r.updated_at AS update_time,
       count(m.digest) AS artifact_count, coalesce(sum(m.pull_count), 0) AS pull_count
FROM registry.repository r
JOIN registry.manifest m ON m.repository_id = r.id
GROUP BY r.id;

CREATE VIEW registry.artifact_view AS
SELECT m.repository_id, r.name AS repository, r.project, m.digest, m.media_type, m.artifact_type,
       m.total_size AS size, m.subject_digest, m.pushed_at AS push_time, m.pulled_at AS pull_time,
       m.pull_count, m.annotations
FROM registry.manifest m
JOIN registry.repository r ON r.id = m.repository_id;

CREATE VIEW registry.tag_view AS
SELECT t.repository_id, r.name AS repository, t.name, t.manifest_digest AS digest, t.updated_at AS push_time
FROM registry.tag t
JOIN registry.repository r ON r.id = t.repository_id;

CREATE VIEW registry.artifact_reference_view AS
SELECT repository_id, parent_digest, child_digest FROM registry.manifest_child;

-- Distinct blobs per project, each once: what a project's storage quota counts.
CREATE VIEW registry.project_blob_view AS
SELECT project, digest, size FROM registry.project_blob;
