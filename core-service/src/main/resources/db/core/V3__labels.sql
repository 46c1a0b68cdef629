-- Harbor's labels: global (scope g, managed by system administrators) or of one project (scope p),
-- attached to artifacts, which registry-service names by repository and digest. jobservice reads
-- artifact_label_view for the replication label filter.

CREATE TABLE label (
    id            bigserial   PRIMARY KEY,
    name          text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    color         text        NOT NULL DEFAULT '',
    scope         char(1)     NOT NULL CHECK (scope IN ('g', 'p')),
    project_id    bigint      REFERENCES project (id) ON DELETE CASCADE,
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope = 'g') = (project_id IS NULL))
);
CREATE UNIQUE INDEX label_name_in_scope ON label (name, scope, coalesce(project_id, 0));

CREATE TABLE artifact_label (
    label_id      bigint      NOT NULL REFERENCES label (id) ON DELETE CASCADE,
    repository    text        NOT NULL,
    digest        text        NOT NULL,
    creation_time timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (label_id, repository, digest)
);
CREATE INDEX artifact_label_of_artifact ON artifact_label (repository, digest);

CREATE VIEW artifact_label_view AS
SELECT a.repository, a.digest, l.id AS label_id, l.name, l.scope, l.project_id
FROM artifact_label a JOIN label l ON l.id = a.label_id;
