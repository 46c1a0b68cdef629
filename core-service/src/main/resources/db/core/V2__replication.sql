-- Remote registries (replication endpoints) and replication policies. Credentials are sealed with
-- the shared secret key (common SecretBox); jobservice reads them through registry_view.

CREATE TABLE registry (
    id            bigserial   PRIMARY KEY,
    name          text        NOT NULL UNIQUE,
    type          text        NOT NULL,                 -- berth, harbor, docker-registry
    url           text        NOT NULL,
    access_key    text,
    access_secret text,                                 -- sealed: v1:<base64>
    insecure      boolean     NOT NULL DEFAULT false,
    description   text        NOT NULL DEFAULT '',
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE replication_policy (
    id                           bigserial   PRIMARY KEY,
    name                         text        NOT NULL UNIQUE,
    description                  text        NOT NULL DEFAULT '',
    src_registry_id              bigint      REFERENCES registry,  -- null: this Berth
    dest_registry_id             bigint      REFERENCES registry,
    dest_namespace               text,
    dest_namespace_replace_count int         NOT NULL DEFAULT -1,
    filters                      jsonb       NOT NULL DEFAULT '[]',
    trigger_type                 text        NOT NULL DEFAULT 'manual',  -- manual, scheduled, event_based
    cron                         text,
    replicate_deletion           boolean     NOT NULL DEFAULT false,
    override                     boolean     NOT NULL DEFAULT true,
    enabled                      boolean     NOT NULL DEFAULT true,
    speed                        int         NOT NULL DEFAULT -1,        -- KB/s, -1: unlimited
    copy_by_chunk                boolean     NOT NULL DEFAULT false,
    last_fired                   timestamptz,                          -- the schedule fired for this instant
    creation_time                timestamptz NOT NULL DEFAULT now(),
    update_time                  timestamptz NOT NULL DEFAULT now(),
    CHECK (src_registry_id IS NULL OR dest_registry_id IS NULL)
);

-- jobservice's read contract.
CREATE VIEW registry_view AS SELECT id, type, url, access_key, access_secret, insecure FROM registry;
