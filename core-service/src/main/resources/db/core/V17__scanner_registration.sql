-- Harbor's scanner registrations: scanner adapters (Pluggable Scanner Adapter API) that SCAN jobs call. The access
-- credential is sealed with secret_key_file and never answered. At most one registration is the system default;
-- a project may be bound to another one (project_scanner), and falls back to the default when its binding is removed.

CREATE TABLE scanner_registration (
    id                bigserial   PRIMARY KEY,
    uuid              text        NOT NULL UNIQUE,
    name              text        NOT NULL UNIQUE,
    description       text        NOT NULL DEFAULT '',
    url               text        NOT NULL UNIQUE,
    auth              text        NOT NULL DEFAULT '',
    access_credential text,
    skip_cert_verify  boolean     NOT NULL DEFAULT false,
    use_internal_addr boolean     NOT NULL DEFAULT false,
    disabled          boolean     NOT NULL DEFAULT false,
    is_default        boolean     NOT NULL DEFAULT false,
    creation_time     timestamptz NOT NULL DEFAULT now(),
    update_time       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX scanner_registration_one_default ON scanner_registration (is_default) WHERE is_default;

CREATE TABLE project_scanner (
    project_id        bigint PRIMARY KEY REFERENCES project (id) ON DELETE CASCADE,
    registration_uuid text   NOT NULL REFERENCES scanner_registration (uuid) ON DELETE CASCADE
);
