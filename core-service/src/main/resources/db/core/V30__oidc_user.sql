-- Users onboarded from an OpenID Connect provider (auth_mode oidc_auth), Harbor's oidc_user: which provider identity
-- (iss, sub) a Berth user is, the CLI secret they log in with from docker/podman/skopeo (sealed with
-- secret_key_file), and the provider session that the CLI secret keeps alive: the refresh token (sealed), when the
-- provider last confirmed the session (a login or a refresh), and whether the user was in oidc_admin_group then.
CREATE TABLE oidc_user (
    id            bigserial   PRIMARY KEY,
    user_id       bigint      NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    issuer        text        NOT NULL,
    subject       text        NOT NULL,
    secret        text        NOT NULL,
    refresh_token text,
    refreshed_at  timestamptz NOT NULL DEFAULT now(),
    admin_in_auth boolean     NOT NULL DEFAULT false,
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject)
);
