package io.berth.registry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.digest.DigestAlgorithm;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResumableDigestTest {

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void aSavedStateContinuesToTheSameDigestAsOneUninterruptedPass(DigestAlgorithm algorithm) {
        assertThat(ResumableDigest.stateSupported()).as("tests run with the --add-opens the registry is started with").isTrue();
        byte[] data = new byte[3_000_017];
        new Random(7).nextBytes(data);
        ResumableDigest whole = ResumableDigest.start(algorithm);
        whole.update(ByteBuffer.wrap(data));

        ResumableDigest part = ResumableDigest.start(algorithm);
        int cut = 1_234_567; // not a multiple of the block size: the state carries a partial block
        part.update(data, 0, cut);
        byte[] state = part.state();
        ResumableDigest resumed = ResumableDigest.restore(algorithm, state);
        assertThat(resumed).isNotNull();
        resumed.update(data, cut, data.length - cut);

        assertThat(resumed.current()).isEqualTo(whole.current()).isEqualTo(algorithm.digest(data));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void currentLeavesTheStateUntouched(DigestAlgorithm algorithm) {
        ResumableDigest d = ResumableDigest.start(algorithm);
        d.update("ab".getBytes(), 0, 2);
        d.current();
        d.update("c".getBytes(), 0, 1);
        assertThat(d.current()).isEqualTo(algorithm.digest("abc".getBytes()));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void aStateOfAnotherAlgorithmIsNotUsed(DigestAlgorithm algorithm) {
        DigestAlgorithm other = algorithm == DigestAlgorithm.SHA256 ? DigestAlgorithm.SHA512 : DigestAlgorithm.SHA256;
        ResumableDigest d = ResumableDigest.start(other);
        d.update("x".getBytes(), 0, 1);
        assertThat(ResumableDigest.restore(algorithm, d.state())).isNull();
        assertThat(ResumableDigest.restore(algorithm, new byte[] {9, 9})).isNull();
    }
}
