package io.berth.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private key forms a token signing key arrives in: PKCS#8, and the PKCS#1 / SEC 1 that Helm's genPrivateKey writes. */
class TokenKeysTest {
    @TempDir
    Path dir;

    @Test
    void aPkcs1RsaKeyIsReadAsTheSameKey() throws Exception {
        KeyPair pair = generate("RSA", null);
        byte[] pkcs1 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        PrivateKey read = TokenKeys.readPrivateKey(write("RSA PRIVATE KEY", pkcs1));
        assertThat(read.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertSigns(read, pair, "SHA256withRSA");
    }

    @Test
    void aSec1EcKeyNamingItsCurveIsReadAsTheSameKey() throws Exception {
        KeyPair pair = generate("EC", new ECGenParameterSpec("secp256r1"));
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((ECPrivateKey) pair.getPrivate()).getS(),
                new X962Parameters(SECObjectIdentifiers.secp256r1)).getEncoded();
        PrivateKey read = TokenKeys.readPrivateKey(write("EC PRIVATE KEY", sec1));
        assertThat(((ECPrivateKey) read).getS()).isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
        assertSigns(read, pair, "SHA256withECDSA");
    }

    @Test
    void aPkcs8KeyIsReadAsBefore() throws Exception {
        KeyPair pair = generate("RSA", null);
        assertThat(TokenKeys.readPrivateKey(write("PRIVATE KEY", pair.getPrivate().getEncoded())).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void otherBlocksAndGarbageAreRefusedWithTheFileNamed() throws Exception {
        Path certificate = write("CERTIFICATE", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> TokenKeys.readPrivateKey(certificate)).isInstanceOf(IOException.class)
                .hasMessageContaining(certificate.toString()).hasMessageContaining("RSA PRIVATE KEY");
        Path garbage = write("RSA PRIVATE KEY", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> TokenKeys.readPrivateKey(garbage)).isInstanceOf(IOException.class)
                .hasMessageContaining(garbage.toString());
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (spec == null) {
            generator.initialize(2048);
        } else {
            generator.initialize(spec);
        }
        return generator.generateKeyPair();
    }

    private static void assertSigns(PrivateKey key, KeyPair pair, String algorithm) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(new byte[] {42});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {42});
        assertThat(verifier.verify(signature)).isTrue();
    }

    private Path write(String type, byte[] der) throws IOException {
        Path file = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n");
        return file;
    }
}
