-- core-service: who may do what. Users, projects and their members, robot accounts, the audit log.

CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    username        text COLLATE "C" NOT NULL UNIQUE,
    email           text UNIQUE,
    realname        text        NOT NULL DEFAULT '',
    comment         text        NOT NULL DEFAULT '',
    password_hash   text        NOT NULL,          -- bcrypt, modular crypt format
    sysadmin        boolean     NOT NULL DEFAULT false,
    creation_time   timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project (
    id              bigserial PRIMARY KEY,
    name            text COLLATE "C" NOT NULL UNIQUE,
    owner_id        bigint REFERENCES users (id) ON DELETE SET NULL,
    creation_time   timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now()
);

-- Harbor's project metadata keys (public, auto_scan, prevent_vul, severity, enable_content_trust,
-- reuse_sys_cve_allowlist, …) as strings, stored even where the feature comes later.
CREATE TABLE project_metadata (
    project_id      bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name            text   NOT NULL,
    value           text   NOT NULL,
    PRIMARY KEY (project_id, name)
);

-- Roles: 1 project admin, 2 developer, 3 guest, 4 maintainer, 5 limited guest (Harbor's ids).
CREATE TABLE project_member (
    id              bigserial PRIMARY KEY,
    project_id      bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id         int         NOT NULL CHECK (role_id BETWEEN 1 AND 5),
    creation_time   timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, user_id)
);
CREATE INDEX project_member_user ON project_member (user_id);

-- Robot accounts: system level (permissions on several projects) or project level.
CREATE TABLE robot (
    id              bigserial PRIMARY KEY,
    name            text COLLATE "C" NOT NULL UNIQUE,   -- robot$<project>+<name> or robot$<name>
    description     text        NOT NULL DEFAULT '',
    level           text        NOT NULL CHECK (level IN ('system', 'project')),
    project_id      bigint REFERENCES project (id) ON DELETE CASCADE,
    secret_hash     text        NOT NULL,
    expires_at      timestamptz,                        -- null: never
    disabled        boolean     NOT NULL DEFAULT false,
    creator         text        NOT NULL DEFAULT '',
    creation_time   timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now()
);

-- What a robot may do: per project (namespace '*' = every project), resource and action.
CREATE TABLE robot_permission (
    robot_id        bigint NOT NULL REFERENCES robot (id) ON DELETE CASCADE,
    namespace       text   NOT NULL,
    resource        text   NOT NULL,
    action          text   NOT NULL,
    PRIMARY KEY (robot_id, namespace, resource, action)
);

CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    event_id        text UNIQUE,                        -- registry events may arrive twice
    username        text        NOT NULL,
    project         text,
    resource        text        NOT NULL,
    resource_type   text        NOT NULL,
    operation       text        NOT NULL,
    result          text        NOT NULL DEFAULT 'success',
    client_ip       text,
    op_time         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_time ON audit_log (op_time DESC, id DESC);
CREATE INDEX audit_log_project ON audit_log (project, op_time DESC);
CREATE INDEX audit_log_user ON audit_log (username, op_time DESC);

-- Refresh tokens of the OAuth2 flow (offline_token=true), stored hashed.
CREATE TABLE refresh_token (
    token_hash      text PRIMARY KEY,
    subject         text        NOT NULL,
    expires_at      timestamptz NOT NULL
);
