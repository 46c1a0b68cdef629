package io.berth.common.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * cosign signatures (sigstore/cosign specs/SIGNATURE_SPEC.md): a "simple signing" JSON payload whose
 * {@code critical.image.docker-manifest-digest} names the signed image, and its ECDSA P-256 SHA-256 signature (base64 of
 * the ASN.1 DER), from the {@code dev.cosignproject.cosign/signature} annotation of the payload's layer.
 *
 * <p>The verdict does not need the key: the public keys under which an ECDSA signature verifies are exactly those
 * recovered from it (SEC 1 v2 §4.1.6: at most four candidate points {@code r⁻¹(sR − eG)}); each candidate is checked
 * with the JDK's own {@code SHA256withECDSA} before it counts. So the set of key fingerprints a signature verifies under
 * is computed once, when the signature is pushed, and a key a project trusts later matches it by fingerprint.
 */
public final class CosignSignatures {
    static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    static final BigInteger P256_ORDER = P256.getN();
    private static final ObjectMapper JSON = new ObjectMapper();

    private CosignSignatures() {}

    /**
     * The digest a simple signing payload names ({@code critical.image.docker-manifest-digest}), or null when it is not
     * one (not JSON, another {@code critical.type}, no digest).
     */
    public static String signedDigest(byte[] payload) {
        try {
            JsonNode critical = JSON.readTree(payload).path("critical");
            if (!"cosign container image signature".equals(critical.path("type").asText())) {
                return null;
            }
            String digest = critical.path("image").path("docker-manifest-digest").asText(null);
            return digest == null || digest.isEmpty() ? null : digest;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The fingerprints ({@link KeyFingerprints}) of the P-256 keys under which {@code signature} (base64 DER) signs
     * {@code payload}, provided the payload names {@code digest}; empty otherwise (wrong digest, malformed signature).
     */
    public static Set<String> verifiedKeys(byte[] payload, String signature, String digest) {
        Set<String> keys = new LinkedHashSet<>();
        if (!digest.equals(signedDigest(payload)) || signature == null) {
            return keys;
        }
        byte[] der;
        BigInteger r;
        BigInteger s;
        try {
            der = Base64.getDecoder().decode(signature.trim());
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            if (sequence.size() != 2) {
                return keys;
            }
            r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
        } catch (RuntimeException e) {
            return keys;
        }
        BigInteger n = P256_ORDER;
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return keys;
        }
        try {
            BigInteger e = new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(payload));
            BigInteger rInverse = r.modInverse(n);
            BigInteger p = P256.getCurve().getField().getCharacteristic();
            for (int j = 0; j < 2; j++) {
                BigInteger x = r.add(n.multiply(BigInteger.valueOf(j)));
                if (x.compareTo(p) >= 0) {
                    break;
                }
                for (int parity = 0; parity < 2; parity++) {
                    ECPoint point = recover(x, parity, s, e, rInverse);
                    if (point != null) {
                        PublicKey key = jdkKey(point);
                        Signature verifier = Signature.getInstance("SHA256withECDSA");
                        verifier.initVerify(key);
                        verifier.update(payload);
                        if (verifier.verify(der)) {
                            keys.add(KeyFingerprints.sha256(key.getEncoded()));
                        }
                    }
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return Set.of();
        }
        return keys;
    }

    /** The candidate public key {@code r⁻¹(sR − eG)} for the point R of x-coordinate {@code x} and y parity {@code parity}, or null. */
    private static ECPoint recover(BigInteger x, int parity, BigInteger s, BigInteger e, BigInteger rInverse) {
        byte[] encoded = new byte[33];
        encoded[0] = (byte) (2 + parity);
        byte[] xBytes = x.toByteArray();
        int length = Math.min(xBytes.length, 32);
        System.arraycopy(xBytes, xBytes.length - length, encoded, 33 - length, length);
        ECPoint big;
        try {
            big = P256.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
        BigInteger n = P256_ORDER;
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(big, s.multiply(rInverse).mod(n), P256.getG(), e.negate().mod(n).multiply(rInverse).mod(n))
                .normalize();
        return q.isInfinity() ? null : q;
    }

    private static PublicKey jdkKey(ECPoint q) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), spec));
    }
}
