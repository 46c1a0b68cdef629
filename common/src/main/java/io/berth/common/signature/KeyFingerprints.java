package io.berth.common.signature;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trusted keys as a project stores them and signatures are matched against them: a key is named by its fingerprint,
 * the SHA-256 (hex) of its DER encoding: of the SubjectPublicKeyInfo for a cosign public key, of the certificate for a
 * Notation trust anchor. A signature's verdict ({@link CosignSignatures}, {@link NotationSignatures}) is the set of
 * fingerprints it verifies under, so a key added later matches signatures pushed before it.
 */
public final class KeyFingerprints {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private KeyFingerprints() {}

    /** A PEM that is not a key of the kind asked for, with why. */
    public static final class InvalidKeyException extends IllegalArgumentException {
        public InvalidKeyException(String message) {
            super(message);
        }
    }

    public static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of {@code pem} as a key of {@code kind}; refused unless it is an ECDSA P-256 public key (cosign) or an X.509 certificate (Notation). */
    public static String of(SignatureKind kind, String pem) {
        return kind == SignatureKind.COSIGN ? sha256(cosignKey(pem).getEncoded()) : sha256(encoded(certificate(pem)));
    }

    /** A cosign public key ({@code cosign.pub}: PEM "PUBLIC KEY", ECDSA on P-256). */
    public static PublicKey cosignKey(String pem) {
        byte[] der = der(pem, "PUBLIC KEY");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                    || !ec.getParams().getOrder().equals(CosignSignatures.P256_ORDER)) {
                throw new InvalidKeyException("a cosign key must be ECDSA on P-256");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("not an ECDSA P-256 public key: " + e.getMessage());
        }
    }

    /** An X.509 certificate (PEM "CERTIFICATE"). */
    public static X509Certificate certificate(String pem) {
        byte[] der = der(pem, "CERTIFICATE");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("not an X.509 certificate: " + e.getMessage());
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem, String type) {
        Matcher m = PEM.matcher(pem == null ? "" : pem.trim());
        if (!m.matches()) {
            throw new InvalidKeyException("expected one PEM block of type " + type);
        }
        if (!m.group(1).equals(type)) {
            throw new InvalidKeyException("expected a PEM block of type " + type + ", not " + m.group(1));
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2).getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("the PEM block is not base64");
        }
    }
}
