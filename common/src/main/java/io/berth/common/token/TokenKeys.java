package io.berth.common.token;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The key pair that signs registry tokens: a PKCS#8 private key (core signs with it) and a
 * self-signed X.509 certificate (registry-service, or any CNCF Distribution configured with it as
 * {@code rootcertbundle}, verifies with it). Key ids are libtrust fingerprints, as Distribution expects.
 */
public final class TokenKeys {
    private TokenKeys() {}

    /** Writes a new RSA key pair and a certificate valid for ten years, unless both files exist. */
    public static void generateIfMissing(Path privateKeyFile, Path certificateFile, String subject) {
        if (Files.exists(privateKeyFile) && Files.exists(certificateFile)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(new X500Name("CN=" + subject), BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                            new X500Name("CN=" + subject), pair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
            Files.createDirectories(certificateFile.toAbsolutePath().getParent());
            Files.writeString(privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the token signing key in " + privateKeyFile + ": " + e.getMessage(), e);
        }
    }

    /** Every public key in a PEM file of certificates and/or public keys (several allow key rotation). */
    public static List<PublicKey> readPublicKeys(Path pemFile) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(Files.readString(pemFile)))) {
            for (PemObject pem; (pem = reader.readPemObject()) != null;) {
                switch (pem.getType()) {
                    case "CERTIFICATE" -> keys.add(CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(pem.getContent())).getPublicKey());
                    case "PUBLIC KEY" -> keys.add(publicKey(pem.getContent()));
                    default -> { /* other blocks are not verification keys */ }
                }
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(pemFile + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IOException(pemFile + " holds no CERTIFICATE or PUBLIC KEY block");
        }
        return keys;
    }

    /**
     * The private key of a PEM file: PKCS#8 ({@code PRIVATE KEY}), or the older forms {@code RSA PRIVATE KEY}
     * (PKCS#1) and {@code EC PRIVATE KEY} (SEC 1) that openssl's {@code genrsa} and Helm's
     * {@code genPrivateKey} write. RSA or EC.
     */
    public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(pemFile)))) {
            PemObject pem = reader.readPemObject();
            if (pem == null) {
                throw new IOException(pemFile + " holds no PEM block");
            }
            byte[] pkcs8 = switch (pem.getType()) {
                case "PRIVATE KEY" -> pem.getContent();
                case "RSA PRIVATE KEY" -> new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(pem.getContent())).getEncoded();
                case "EC PRIVATE KEY" -> {
                    org.bouncycastle.asn1.sec.ECPrivateKey ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pem.getContent());
                    if (ec.getParametersObject() == null) {
                        throw new IOException(pemFile + ": the EC PRIVATE KEY names no curve");
                    }
                    yield new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec)
                            .getEncoded();
                }
                default -> throw new IOException(pemFile + " does not start with a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
            };
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
            for (String algorithm : List.of("RSA", "EC")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (java.security.spec.InvalidKeySpecException tryNext) {
                    // not this algorithm
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            throw new IOException(pemFile + ": neither an RSA nor an EC private key");
        } catch (IllegalArgumentException malformed) {
            throw new IOException(pemFile + ": malformed private key: " + malformed.getMessage(), malformed);
        }
    }

    /**
     * The libtrust key id of a public key: the SHA-256 of its DER SubjectPublicKeyInfo, truncated
     * to 240 bits, base32-encoded and grouped by four characters ({@code ABCD:EFGH:…}). CNCF
     * Distribution matches a token's {@code kid} against this.
     */
    public static String keyId(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            String base32 = base32(java.util.Arrays.copyOf(hash, 30));
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < base32.length(); i += 4) {
                if (i > 0) {
                    id.append(':');
                }
                id.append(base32, i, i + 4);
            }
            return id.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static PublicKey publicKey(byte[] der) throws java.security.GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

}
