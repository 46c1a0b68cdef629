-- core-service describes artifacts (config media type, platforms of an index's children) from
-- the manifest's exact bytes, and re-tags an artifact by pushing those bytes under a new tag.
CREATE OR REPLACE VIEW registry.artifact_view AS
SELECT m.repository_id, r.name AS repository, r.project, m.digest, m.media_type, m.artifact_type,
       m.total_size AS size, m.subject_digest, m.pushed_at AS push_time, m.pulled_at AS pull_time,
       m.pull_count, m.annotations, m.content
FROM registry.manifest m
JOIN registry.repository r ON r.id = m.repository_id;
