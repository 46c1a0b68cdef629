package io.berth.common.signature;

import java.util.List;

/**
 * The kinds of image signature Berth recognises, with the artifact types that mark them as OCI 1.1 referrers and the
 * project switch (Harbor's metadata key) that requires them on pulls.
 */
public enum SignatureKind {
    /** sigstore cosign: tag scheme {@code sha256-<hex>.sig}, or referrers of cosign's artifact types. */
    COSIGN("cosign", "enable_content_trust_cosign", List.of("application/vnd.dev.cosign.artifact.sig.v1+json",
            "application/vnd.dev.sigstore.bundle.v0.3+json")),
    /** Notary Project Notation: referrers of artifact type {@code application/vnd.cncf.notary.signature}. */
    NOTATION("notation", "enable_content_trust", List.of("application/vnd.cncf.notary.signature"));

    /** The media type of the layer holding cosign's simple signing payload. */
    public static final String COSIGN_PAYLOAD = "application/vnd.dev.cosign.simplesigning.v1+json";
    /** The annotation of that layer holding the payload's signature (base64, ASN.1 DER ECDSA). */
    public static final String COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    /** The media type of Notation's JWS envelope layer. */
    public static final String NOTATION_JWS = "application/jose+json";

    private final String id;
    private final String policy;
    private final List<String> artifactTypes;

    SignatureKind(String id, String policy, List<String> artifactTypes) {
        this.id = id;
        this.policy = policy;
        this.artifactTypes = artifactTypes;
    }

    /** As stored and written in the API: {@code cosign}, {@code notation}. */
    public String id() {
        return id;
    }

    public String policy() {
        return policy;
    }

    public List<String> artifactTypes() {
        return artifactTypes;
    }

    /** The kind a referrer of {@code artifactType} is, or null. */
    public static SignatureKind ofArtifactType(String artifactType) {
        for (SignatureKind kind : values()) {
            if (kind.artifactTypes.contains(artifactType)) {
                return kind;
            }
        }
        return null;
    }

    public static SignatureKind of(String id) {
        for (SignatureKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be cosign or notation, not " + id);
    }
}
