-- Content trust (Harbor's enable_content_trust_cosign and enable_content_trust, the latter for Notation signatures):
-- which signatures a project requires of an image before it may be pulled; and, beyond Harbor, the keys a project
-- trusts (cosign ECDSA P-256 public keys, Notation X.509 trust anchors), each named by its fingerprint: SHA-256 (hex)
-- of the DER public key (cosign) or certificate (Notation), as registry-service records the keys each signature verifies
-- under when it is pushed (db/registry V15 signature_key).
--
-- content_trust_view is core's documented read contract for registry-service (as immutable_rule_view, V8):
-- registry-service reads it in the one query of a manifest GET/HEAD, a row per project that requires a kind of
-- signature (a project that requires none has no row), with the fingerprints of its trusted keys of each kind (null:
-- none, and then any signature of the kind will do). Columns may be added; none is removed or renamed without a new view.

CREATE TABLE trusted_key (
    id            bigserial   PRIMARY KEY,
    project_id    bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    kind          text        NOT NULL CHECK (kind IN ('cosign', 'notation')),
    pem           text        NOT NULL,
    fingerprint   text        NOT NULL,
    description   text,
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, kind, fingerprint)
);

CREATE VIEW content_trust_view AS
SELECT p.name AS project,
       bool_or(m.name = 'enable_content_trust_cosign') AS cosign,
       bool_or(m.name = 'enable_content_trust') AS notation,
       (SELECT array_agg(k.fingerprint) FROM trusted_key k WHERE k.project_id = p.id AND k.kind = 'cosign') AS cosign_keys,
       (SELECT array_agg(k.fingerprint) FROM trusted_key k WHERE k.project_id = p.id AND k.kind = 'notation') AS notation_keys
FROM project p
JOIN project_metadata m ON m.project_id = p.id
WHERE m.name IN ('enable_content_trust_cosign', 'enable_content_trust') AND m.value = 'true'
GROUP BY p.id, p.name;
