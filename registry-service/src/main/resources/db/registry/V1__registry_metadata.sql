-- Registry metadata. Blob bytes live in storage (see io.berth.registry.storage); everything
-- that must be listed, counted or walked lives here, so that tag lists, referrers, quota and
-- garbage collection are indexed queries and never a storage walk.

CREATE TABLE repository (
    id         bigserial PRIMARY KEY,
    name       text COLLATE "C" NOT NULL UNIQUE,      -- byte order: catalog pages follow the index
    project    text        NOT NULL,              -- first path component of name
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX repository_project ON repository (project, name);

-- One row per distinct blob in storage, whichever repositories use it.
CREATE TABLE blob (
    digest     text        PRIMARY KEY,
    size       bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A blob is readable in a repository only through a link: an upload or mount into that repository.
CREATE TABLE repository_blob (
    repository_id bigint      NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    digest        text        NOT NULL REFERENCES blob (digest),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX repository_blob_digest ON repository_blob (digest);

-- Manifests are kept per repository with their exact bytes, served as pushed.
CREATE TABLE manifest (
    repository_id  bigint      NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    digest         text        NOT NULL,
    media_type     text        NOT NULL,
    artifact_type  text,
    content        bytea       NOT NULL,
    total_size     bigint      NOT NULL,          -- manifest + config + layers (+ children of an index)
    subject_digest text,
    annotations    jsonb,
    pushed_at      timestamptz NOT NULL DEFAULT now(),
    pulled_at      timestamptz,
    pull_count     bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX manifest_subject ON manifest (repository_id, subject_digest) WHERE subject_digest IS NOT NULL;
CREATE INDEX manifest_pushed ON manifest (repository_id, pushed_at DESC);

-- Config and layers of an image manifest: a blob referenced here is in use.
CREATE TABLE manifest_blob (
    repository_id   bigint NOT NULL,
    manifest_digest text   NOT NULL,
    blob_digest     text   NOT NULL REFERENCES blob (digest),
    PRIMARY KEY (repository_id, manifest_digest, blob_digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifest ON DELETE CASCADE
);
CREATE INDEX manifest_blob_blob ON manifest_blob (blob_digest);

-- Manifests of an index. A child cannot be deleted while an index in the repository lists it.
CREATE TABLE manifest_child (
    repository_id bigint NOT NULL,
    parent_digest text   NOT NULL,
    child_digest  text   NOT NULL,
    PRIMARY KEY (repository_id, parent_digest, child_digest),
    FOREIGN KEY (repository_id, parent_digest) REFERENCES manifest ON DELETE CASCADE,
    FOREIGN KEY (repository_id, child_digest) REFERENCES manifest (repository_id, digest)
);
CREATE INDEX manifest_child_child ON manifest_child (repository_id, child_digest);

CREATE TABLE tag (
    repository_id   bigint      NOT NULL,
    name            text COLLATE "C" NOT NULL,     -- byte order: tag list pages follow the primary key
    manifest_digest text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, name),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifest ON DELETE CASCADE
);
CREATE INDEX tag_manifest ON tag (repository_id, manifest_digest);

-- Blob upload sessions. Any replica can take the next chunk: the hash state of the bytes
-- received so far is kept here, the bytes themselves in storage under _uploads/<id>.
CREATE TABLE upload (
    id           uuid        PRIMARY KEY,
    repository   text        NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    size         bigint      NOT NULL DEFAULT 0,
    hash_state   bytea,
    driver_state text,
    busy_until   timestamptz                      -- a replica is receiving a chunk until then
);
CREATE INDEX upload_updated ON upload (updated_at);

-- Bytes a project uses, each distinct blob counted once per project (dedup-aware). Quota checks
-- sum this; no single counter row is updated by every push.
CREATE TABLE project_blob (
    project text   NOT NULL,
    digest  text   NOT NULL REFERENCES blob (digest),
    size    bigint NOT NULL,
    PRIMARY KEY (project, digest)
);
CREATE INDEX project_blob_usage ON project_blob (project) INCLUDE (size);

-- Transactional outbox: events are written with the change that causes them, then relayed.
CREATE TABLE outbox (
    id         bigserial   PRIMARY KEY,
    type       text        NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
