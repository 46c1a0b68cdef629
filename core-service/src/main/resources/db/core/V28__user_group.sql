-- User groups (Harbor's user_group): a group of users from an identity source, which can be a project member.
-- group_type: 1 LDAP (known by its DN, unique whatever its case), 2 HTTP (auth proxy), 3 OIDC (known by name).
CREATE TABLE user_group (
    id              bigserial PRIMARY KEY,
    group_name      text        NOT NULL CHECK (group_name <> '' AND length(group_name) <= 255),
    group_type      int         NOT NULL CHECK (group_type IN (1, 2, 3)),
    ldap_group_dn   text        CHECK (length(ldap_group_dn) <= 512),
    creation_time   timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_group_dn_iff_ldap CHECK ((group_type = 1) = (ldap_group_dn IS NOT NULL))
);
CREATE UNIQUE INDEX user_group_ldap_dn ON user_group (lower(ldap_group_dn)) WHERE group_type = 1;
CREATE UNIQUE INDEX user_group_name ON user_group (group_type, group_name) WHERE group_type <> 1;

-- Who is in which group, as the directory or identity provider said at the user's last login; a row counts only
-- until expires_at (a bounded lifetime: a user removed from a group at the source loses its roles within it).
CREATE TABLE user_group_membership (
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id        bigint      NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, group_id)
);
CREATE INDEX user_group_membership_group ON user_group_membership (group_id);

-- A project member is a user or a group, once per project.
ALTER TABLE project_member ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE project_member ADD COLUMN group_id bigint REFERENCES user_group (id) ON DELETE CASCADE;
ALTER TABLE project_member ADD CONSTRAINT project_member_user_or_group CHECK ((user_id IS NULL) <> (group_id IS NULL));
ALTER TABLE project_member ADD CONSTRAINT project_member_project_group UNIQUE (project_id, group_id);
CREATE INDEX project_member_group ON project_member (group_id);
