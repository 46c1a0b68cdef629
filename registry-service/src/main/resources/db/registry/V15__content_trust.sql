-- Content trust: whether an image carries the signatures a project requires (core's content_trust_view, db/core V27)
-- before it may be pulled. Evaluated inside the one query of a manifest GET/HEAD (io.berth.registry.signature.ContentTrust),
-- each an indexed probe: referrers by (repository_id, subject_digest), tags by (repository_id, name) and
-- (repository_id, manifest_digest), index children by (repository_id, child_digest).
--
-- A signature of kind 'cosign': a referrer with cosign's artifact type (OCI 1.1 referrers), or the tag cosign's tag
-- scheme gives it (sha256-<hex>.sig). Of kind 'notation': a referrer with Notation's artifact type.

CREATE FUNCTION registry.has_signature(repo bigint, subject text, kind text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM registry.manifest s
                   WHERE s.repository_id = repo AND s.subject_digest = subject
                     AND s.artifact_type = ANY (CASE kind
                         WHEN 'cosign' THEN ARRAY['application/vnd.dev.cosign.artifact.sig.v1+json',
                                                  'application/vnd.dev.sigstore.bundle.v0.3+json']
                         ELSE ARRAY['application/vnd.cncf.notary.signature'] END))
        OR (kind = 'cosign' AND EXISTS (SELECT 1 FROM registry.tag t
                                        WHERE t.repository_id = repo AND t.name = replace(subject, ':', '-') || '.sig'))
$$;

-- Signed for a pull: the manifest itself, or an index of the repository that lists it (a platform's image is pulled by
-- digest after its signed index).
CREATE FUNCTION registry.signed(repo bigint, digest text, kind text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT registry.has_signature(repo, digest, kind)
        OR EXISTS (SELECT 1 FROM registry.manifest_child c
                   WHERE c.repository_id = repo AND c.child_digest = digest AND registry.has_signature(repo, c.parent_digest, kind))
$$;

-- An accessory (a signature, SBOM or attestation) is pulled as it is: by its subject (a referrer) or by cosign's tag
-- scheme (sha256-<hex>.sig, .att, .sbom). cosign verify pulls the .sig of the image it checks.
CREATE FUNCTION registry.accessory(repo bigint, digest text, subject text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT subject IS NOT NULL
        OR EXISTS (SELECT 1 FROM registry.tag t WHERE t.repository_id = repo AND t.manifest_digest = digest
                   AND t.name ~ '^sha256-[0-9a-f]{64}\.(sig|att|sbom)$')
$$;

-- Berth's trusted keys (core's trusted_key, db/core V27): the keys each signature verifies under, computed once when
-- the signature manifest is pushed (io.berth.registry.signature.SignatureRecorder), as the fingerprints of the keys
-- (SHA-256 of the DER public key for cosign, recovered from the ECDSA signature) or certificates (the x5c chain of a
-- Notation JWS envelope, verified link by link). A project's keys match by fingerprint, whenever they were added. A
-- signature whose payload names another digest than its subject has no row. Rows go with the signature manifest.
CREATE TABLE registry.signature_key (
    repository_id    bigint NOT NULL,
    signature_digest text   NOT NULL,
    subject_digest   text   NOT NULL,
    kind             text   NOT NULL,
    key_fingerprint  text   NOT NULL,
    PRIMARY KEY (repository_id, signature_digest, key_fingerprint),
    FOREIGN KEY (repository_id, signature_digest) REFERENCES registry.manifest ON DELETE CASCADE
);
CREATE INDEX signature_key_subject ON registry.signature_key (repository_id, subject_digest, kind);

-- Whether the manifest (or an index of the repository listing it) has a signature of the kind verifying under one of keys.
CREATE FUNCTION registry.verified(repo bigint, digest text, kind text, keys text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM registry.signature_key v
                   WHERE v.repository_id = repo AND v.kind = verified.kind AND v.key_fingerprint = ANY (keys)
                     AND (v.subject_digest = verified.digest
                          OR v.subject_digest IN (SELECT c.parent_digest FROM registry.manifest_child c
                                                  WHERE c.repository_id = repo AND c.child_digest = verified.digest)))
$$;

-- The verdict of a pull under a project's policy: what the manifest lacks, or null. With trusted keys of a kind, a
-- signature of that kind must verify under one of them ('cosign-key', 'notation-key' when none does); without, one must
-- exist (Harbor's check: 'cosign', 'notation').
CREATE FUNCTION registry.pull_verdict(repo bigint, digest text, subject text, cosign boolean, notation boolean,
                                      cosign_keys text[], notation_keys text[]) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN NOT (cosign OR notation) OR registry.accessory(repo, digest, subject) THEN NULL
        WHEN cosign AND cosign_keys IS NOT NULL AND NOT registry.verified(repo, digest, 'cosign', cosign_keys) THEN 'cosign-key'
        WHEN cosign AND cosign_keys IS NULL AND NOT registry.signed(repo, digest, 'cosign') THEN 'cosign'
        WHEN notation AND notation_keys IS NOT NULL AND NOT registry.verified(repo, digest, 'notation', notation_keys) THEN 'notation-key'
        WHEN notation AND notation_keys IS NULL AND NOT registry.signed(repo, digest, 'notation') THEN 'notation'
    END
$$;
