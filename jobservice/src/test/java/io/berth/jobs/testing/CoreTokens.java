package io.berth.jobs.testing;

import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The tokens core-service sends jobservice, signed with a test key pair (made if missing). */
public final class CoreTokens {
    private CoreTokens() {}

    public static String bearer(Path key, Path certificate, String issuer, Duration lifetime) throws Exception {
        TokenKeys.generateIfMissing(key, certificate, "berth-test-token-signer");
        TokenSigner signer = new TokenSigner(TokenKeys.readPrivateKey(key), TokenKeys.keyId(TokenKeys.readPublicKeys(certificate).get(0)),
                issuer, lifetime);
        return "Bearer " + signer.sign("core-service", "berth-jobservice", List.of(), Instant.now());
    }

    /** For the tests of {@link JobsTestResource}'s application. */
    public static String bearer() throws Exception {
        return bearer(JobsTestResource.DIR.resolve("token.key"), JobsTestResource.DIR.resolve("token.crt"), "berth-token-service",
                Duration.ofMinutes(5));
    }
}
