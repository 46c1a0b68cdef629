-- Harbor's API names artifacts and tags by integer ids (Artifact.id, Tag.id and Tag.artifact_id,
-- Reference.parent_id and child_id). Manifests and tags get a surrogate key of their own, filled from
-- its sequence on every insert (registry-service's statements do not name it), and the views core
-- reads show them. A tag moved to another manifest is updated in place and keeps its id; a manifest
-- deleted and pushed again gets a new one, as a Harbor artifact does. Adding the columns rewrites both
-- tables once, under the migration's lock.

ALTER TABLE registry.manifest ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE registry.manifest ADD CONSTRAINT manifest_id UNIQUE (id);
ALTER TABLE registry.tag ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE registry.tag ADD CONSTRAINT tag_id UNIQUE (id);

CREATE OR REPLACE VIEW registry.artifact_view AS
SELECT m.repository_id, r.name AS repository, r.project, m.digest, m.media_type, m.artifact_type,
       m.total_size AS size, m.subject_digest, m.pushed_at AS push_time, m.pulled_at AS pull_time,
       m.pull_count, m.annotations, m.content, m.id
FROM registry.manifest m
JOIN registry.repository r ON r.id = m.repository_id;

CREATE OR REPLACE VIEW registry.tag_view AS
SELECT t.repository_id, r.name AS repository, t.name, t.manifest_digest AS digest, t.updated_at AS push_time,
       t.id, m.id AS artifact_id
FROM registry.tag t
JOIN registry.repository r ON r.id = t.repository_id
JOIN registry.manifest m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest;

CREATE OR REPLACE VIEW registry.artifact_reference_view AS
SELECT c.repository_id, c.parent_digest, c.child_digest, p.id AS parent_id, m.id AS child_id
FROM registry.manifest_child c
JOIN registry.manifest p ON p.repository_id = c.repository_id AND p.digest = c.parent_digest
JOIN registry.manifest m ON m.repository_id = c.repository_id AND m.digest = c.child_digest;
