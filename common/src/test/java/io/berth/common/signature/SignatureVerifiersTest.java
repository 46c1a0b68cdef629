package io.berth.common.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.testing.Signatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts registry-service records for signatures: the keys a cosign signature verifies under (recovered, then
 * checked by the JDK) and the certificates of a Notation envelope's verified chain; nothing for a payload over another
 * digest, a tampered payload or signature, or a broken chain. Signatures made with the JDK and openssl ({@link Signatures}).
 */
class SignatureVerifiersTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String OTHER = "sha256:" + "cd".repeat(32);

    @TempDir
    Path pki;

    @Test
    void aCosignSignatureVerifiesUnderTheKeyThatMadeItAndNoOther() {
        for (int i = 0; i < 20; i++) {
            KeyPair key = Signatures.ecKey();
            byte[] payload = Signatures.cosignPayload("registry/app", DIGEST).getBytes(StandardCharsets.UTF_8);
            String signature = Signatures.cosignSign(key.getPrivate(), payload);
            String fingerprint = KeyFingerprints.of(SignatureKind.COSIGN, Signatures.publicKeyPem(key));
            assertThat(CosignSignatures.verifiedKeys(payload, signature, DIGEST)).contains(fingerprint)
                    .doesNotContain(KeyFingerprints.of(SignatureKind.COSIGN, Signatures.publicKeyPem(Signatures.ecKey())));
            assertThat(CosignSignatures.verifiedKeys(payload, signature, OTHER)).isEmpty();
        }
    }

    @Test
    void aTamperedOrMalformedCosignSignatureVerifiesUnderNothing() {
        KeyPair key = Signatures.ecKey();
        byte[] payload = Signatures.cosignPayload("registry/app", DIGEST).getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.cosignSign(key.getPrivate(), payload);
        byte[] tampered = Signatures.cosignPayload("registry/evil", DIGEST).getBytes(StandardCharsets.UTF_8);
        String fingerprint = KeyFingerprints.of(SignatureKind.COSIGN, Signatures.publicKeyPem(key));
        assertThat(CosignSignatures.verifiedKeys(tampered, signature, DIGEST)).doesNotContain(fingerprint);
        assertThat(CosignSignatures.verifiedKeys(payload, "not base64!", DIGEST)).isEmpty();
        assertThat(CosignSignatures.verifiedKeys(payload, Base64.getEncoder().encodeToString(new byte[] {0x30, 0x00}), DIGEST)).isEmpty();
        assertThat(CosignSignatures.verifiedKeys(payload, null, DIGEST)).isEmpty();
        assertThat(CosignSignatures.verifiedKeys("{\"critical\":{}}".getBytes(StandardCharsets.UTF_8), signature, DIGEST)).isEmpty();
        assertThat(CosignSignatures.signedDigest("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void aNotationEnvelopeVerifiesUnderTheCertificatesOfItsChain() throws Exception {
        Signatures.Chain chain = Signatures.chain(pki, "good");
        String envelope = Signatures.notationEnvelope(Signatures.notationPayload("application/vnd.oci.image.manifest.v1+json", DIGEST, 10), chain);
        String root = KeyFingerprints.of(SignatureKind.NOTATION, chain.rootPem());
        assertThat(NotationSignatures.verifiedCertificates(envelope.getBytes(StandardCharsets.UTF_8), DIGEST)).contains(root).hasSize(2);
        assertThat(NotationSignatures.verifiedCertificates(envelope.getBytes(StandardCharsets.UTF_8), OTHER)).isEmpty();
        // the signature of another envelope (another payload) does not carry over
        String other = Signatures.notationEnvelope(Signatures.notationPayload("application/vnd.oci.image.manifest.v1+json", OTHER, 10), chain);
        String spliced = envelope.substring(0, envelope.indexOf("\"signature\"")) + other.substring(other.indexOf("\"signature\""));
        assertThat(NotationSignatures.verifiedCertificates(spliced.getBytes(StandardCharsets.UTF_8), DIGEST)).isEmpty();
        // a leaf presented with another chain's root: the link does not verify
        Signatures.Chain stranger = Signatures.chain(pki, "stranger");
        Signatures.Chain broken = new Signatures.Chain(chain.leafKey(), chain.leaf(), stranger.root(), stranger.rootPem());
        String brokenEnvelope = Signatures.notationEnvelope(Signatures.notationPayload("x", DIGEST, 10), broken);
        assertThat(NotationSignatures.verifiedCertificates(brokenEnvelope.getBytes(StandardCharsets.UTF_8), DIGEST)).isEmpty();
        assertThat(NotationSignatures.verifiedCertificates("{}".getBytes(StandardCharsets.UTF_8), DIGEST)).isEmpty();
    }

    @Test
    void keysOfTheWrongShapeAreRefusedWithWhy() throws Exception {
        Signatures.Chain chain = Signatures.chain(pki, "shape");
        assertThatThrownBy(() -> KeyFingerprints.of(SignatureKind.COSIGN, chain.rootPem())).hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> KeyFingerprints.of(SignatureKind.NOTATION, Signatures.publicKeyPem(Signatures.ecKey())))
                .hasMessageContaining("CERTIFICATE");
        String rsa = Signatures.pem("PUBLIC KEY", java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());
        assertThatThrownBy(() -> KeyFingerprints.of(SignatureKind.COSIGN, rsa)).hasMessageContaining("P-256");
        assertThatThrownBy(() -> SignatureKind.of("gpg")).hasMessageContaining("cosign or notation");
    }
}
