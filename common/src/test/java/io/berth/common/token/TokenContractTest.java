package io.berth.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.scope.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What core's {@link TokenSigner} writes, every {@link TokenVerifier} reads: the claims, the access grants, the key by kid. */
class TokenContractTest {
    private static final String ISSUER = "berth-token-service";

    record KeyPair(PrivateKey key, PublicKey certificate, String kid) {}

    static KeyPair keyPair(String name) throws Exception {
        Path dir = Files.createTempDirectory("token-contract");
        TokenKeys.generateIfMissing(dir.resolve(name + ".key"), dir.resolve(name + ".crt"), name);
        PublicKey certificate = TokenKeys.readPublicKeys(dir.resolve(name + ".crt")).get(0);
        return new KeyPair(TokenKeys.readPrivateKey(dir.resolve(name + ".key")), certificate, TokenKeys.keyId(certificate));
    }

    @Test
    void theAccessASignerGrantsIsWhatAVerifierReads() throws Exception {
        KeyPair k = keyPair("signer");
        List<Scope> access = List.of(Scope.repository("library/app", "pull", "push"), Scope.catalog(),
                Scope.repository("registry.example:5000/x", "delete"));
        String token = new TokenSigner(k.key(), k.kid(), ISSUER, Duration.ofMinutes(5)).sign("alice", "berth-registry", access, Instant.now());
        TokenVerifier.Verified verified = new TokenVerifier(ISSUER, "berth-registry", List.of(k.certificate()), 60).verify(token);
        assertThat(verified.subject()).isEqualTo("alice");
        assertThat(verified.access()).isEqualTo(access);
        assertThat(verified.expiresAt()).isAfter(Instant.now().plusSeconds(200));
        assertThat(AccessClaim.decode(AccessClaim.encode(access))).isEqualTo(access);
    }

    @Test
    void aKeyRotationIsFollowedByKid() throws Exception {
        KeyPair old = keyPair("old");
        KeyPair renewed = keyPair("renewed");
        TokenVerifier both = new TokenVerifier(ISSUER, Audiences.JOBSERVICE, List.of(old.certificate(), renewed.certificate()), 30);
        for (KeyPair k : List.of(old, renewed)) {
            String token = new TokenSigner(k.key(), k.kid(), ISSUER, Duration.ofMinutes(1)).sign("core-service", Audiences.JOBSERVICE,
                    List.of(), Instant.now());
            assertThat(both.verify(token).subject()).isEqualTo("core-service");
        }
        // a key the verifier does not trust, whatever kid it claims
        KeyPair intruder = keyPair("intruder");
        String forged = new TokenSigner(intruder.key(), old.kid(), ISSUER, Duration.ofMinutes(1)).sign("core-service",
                Audiences.JOBSERVICE, List.of(), Instant.now());
        assertThatThrownBy(() -> both.verify(forged)).isInstanceOf(TokenVerifier.Rejected.class).hasMessage("token signature invalid");
    }

    @Test
    void refusalsSayWhyInTheirOwnWords() throws Exception {
        KeyPair k = keyPair("k");
        TokenSigner signer = new TokenSigner(k.key(), k.kid(), ISSUER, Duration.ofMinutes(1));
        TokenVerifier registry = new TokenVerifier(ISSUER, "berth-registry", List.of(k.certificate()), 60);
        assertThatThrownBy(() -> registry.verify(signer.sign("a", Audiences.JOBSERVICE, List.of(), Instant.now())))
                .hasMessage("token not issued for this service (aud)");
        assertThatThrownBy(() -> registry.verify(new TokenSigner(k.key(), k.kid(), "someone", Duration.ofMinutes(1))
                .sign("a", "berth-registry", List.of(), Instant.now()))).hasMessage("token not issued by a trusted issuer (iss)");
        TokenVerifier.Rejected expired = org.junit.jupiter.api.Assertions.assertThrows(TokenVerifier.Rejected.class,
                () -> registry.verify(signer.sign("a", "berth-registry", List.of(), Instant.now().minusSeconds(600))));
        assertThat(expired.expired()).isTrue();
        assertThat(expired).hasMessage("token expired");
        assertThatThrownBy(() -> registry.verify("not.a.jwt")).hasMessage("malformed token");
    }
}
