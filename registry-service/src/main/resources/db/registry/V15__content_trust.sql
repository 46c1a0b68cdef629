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

-- The kind of signature a pull of the manifest lacks under the project's policy ('cosign', 'notation'), or null.
CREATE FUNCTION registry.unsigned_for_pull(repo bigint, digest text, subject text, cosign boolean, notation boolean) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN NOT (cosign OR notation) OR registry.accessory(repo, digest, subject) THEN NULL
        WHEN cosign AND NOT registry.signed(repo, digest, 'cosign') THEN 'cosign'
        WHEN notation AND NOT registry.signed(repo, digest, 'notation') THEN 'notation'
    END
$$;
