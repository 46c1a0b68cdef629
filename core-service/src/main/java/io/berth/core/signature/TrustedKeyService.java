package io.berth.core.signature;

import io.berth.common.error.HarborException;
import io.berth.common.signature.KeyFingerprints;
import io.berth.common.signature.SignatureKind;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.audit.AuditLog;
import io.berth.core.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A project's trusted keys: with keys of a kind, a pull under that kind's content trust policy needs a signature that
 * verifies under one of them (registry-service, from {@code core.content_trust_view}). A key is checked when it is
 * added (a cosign key must be an ECDSA P-256 public key in PEM, a Notation trust anchor an X.509 certificate in PEM) and
 * named by its fingerprint ({@link KeyFingerprints}); signatures pushed before it match it as well, since each signature's
 * verdict is the set of keys it verifies under.
 */
@ApplicationScoped
public class TrustedKeyService {
    /** Keys per project: a guard against a runaway script, not a limit a team meets. */
    public static final int MAX_KEYS = 100;
    static final int MAX_PEM = 64 * 1024;
    static final int MAX_DESCRIPTION = 1024;

    private final AuditLog audit;

    TrustedKeyService(AuditLog audit) {
        this.audit = audit;
    }

    public Page<TrustedKey.View> list(Project project, Paging paging) {
        return Page.of(TrustedKey.<TrustedKey>find("projectId = ?1 order by id", project.id), paging, TrustedKey::view);
    }

    public TrustedKey.View get(Project project, long id) {
        return key(project, id).view();
    }

    @Transactional
    public TrustedKey add(Project project, TrustedKey.View request) {
        if (request == null || request.kind() == null || request.pem() == null) {
            throw HarborException.badRequest("a trusted key needs kind (cosign or notation) and pem");
        }
        if (request.id() != null || request.fingerprint() != null || request.creationTime() != null) {
            throw HarborException.badRequest("id, fingerprint and creation_time are set by Berth; leave them out");
        }
        if (request.pem().length() > MAX_PEM || (request.description() != null && request.description().length() > MAX_DESCRIPTION)) {
            throw HarborException.badRequest("pem is at most " + MAX_PEM + " characters, description at most " + MAX_DESCRIPTION);
        }
        SignatureKind kind;
        String fingerprint;
        try {
            kind = SignatureKind.of(request.kind());
            fingerprint = KeyFingerprints.of(kind, request.pem());
        } catch (IllegalArgumentException e) {
            throw HarborException.badRequest("trusted key: " + e.getMessage());
        }
        if (TrustedKey.count("projectId = ?1 and kind = ?2 and fingerprint = ?3", project.id, kind.id(), fingerprint) > 0) {
            throw HarborException.conflict("project " + project.name + " already trusts this " + kind.id() + " key (" + fingerprint + ")");
        }
        if (TrustedKey.count("projectId", project.id) >= MAX_KEYS) {
            throw HarborException.badRequest("a project trusts at most " + MAX_KEYS + " keys");
        }
        TrustedKey key = new TrustedKey();
        key.projectId = project.id;
        key.kind = kind.id();
        key.pem = request.pem().trim() + "\n";
        key.fingerprint = fingerprint;
        key.description = request.description();
        key.persist();
        audit.success(project.name, "trusted key " + key.id, "trusted_key", "create");
        return key;
    }

    @Transactional
    public void delete(Project project, long id) {
        key(project, id).delete();
        audit.success(project.name, "trusted key " + id, "trusted_key", "delete");
    }

    private static TrustedKey key(Project project, long id) {
        TrustedKey key = TrustedKey.findById(id);
        if (key == null || key.projectId != project.id) {
            throw HarborException.notFound("trusted key " + id + " not found in " + project.name);
        }
        return key;
    }
}
