-- Harbor's webhook policies of a project: targets (address, auth header sealed with secret_key_file, certificate
-- check, payload format), the event types they subscribe to, and Berth's per-policy HMAC-SHA256 secret (sealed).
-- Deliveries are WEBHOOK executions in jobservice (vendor_id = the policy's id).

CREATE TABLE webhook_policy (
    id            bigserial   PRIMARY KEY,
    project_id    bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    targets       jsonb       NOT NULL,
    event_types   jsonb       NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    secret        text        NOT NULL,
    creator       text        NOT NULL DEFAULT '',
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);
CREATE INDEX webhook_policy_enabled ON webhook_policy (project_id) WHERE enabled;
