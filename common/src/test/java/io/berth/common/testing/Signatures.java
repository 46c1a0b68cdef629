package io.berth.common.testing;

import io.berth.common.media.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * cosign and Notation signatures made in tests with standard Java crypto, in the tools' documented formats, written
 * into an {@link OciLayout} for a real client (skopeo) to push:
 * <ul>
 * <li>cosign (sigstore/cosign specs/SIGNATURE_SPEC.md): a "simple signing" JSON payload naming the image's digest
 * ({@code critical.image.docker-manifest-digest}) as a layer of media type
 * {@code application/vnd.dev.cosign.simplesigning.v1+json}, its ECDSA P-256 SHA-256 signature (ASN.1 DER, base64) in the
 * layer's {@code dev.cosignproject.cosign/signature} annotation; either tagged {@code sha256-<hex>.sig} (the tag scheme)
 * or as an OCI 1.1 referrer of artifact type {@code application/vnd.dev.cosign.artifact.sig.v1+json}.</li>
 * <li>Notation (notaryproject specs signature-specification.md, signature-envelope-jws.md): a referrer of artifact type
 * {@code application/vnd.cncf.notary.signature} whose one layer ({@code application/jose+json}) is a JWS JSON
 * serialization: protected header ({@code alg} ES256, {@code cty} {@code application/vnd.cncf.notary.payload.v1+json},
 * {@code crit}, signing scheme {@code notary.x509}, signing time), payload {@code {"targetArtifact": <descriptor>}},
 * unprotected header {@code x5c} (the chain, leaf first), signature R||S.</li>
 * </ul>
 */
public final class Signatures {
    public static final String COSIGN_LAYER = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String COSIGN_ARTIFACT = "application/vnd.dev.cosign.artifact.sig.v1+json";
    public static final String COSIGN_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String NOTATION_ARTIFACT = "application/vnd.cncf.notary.signature";
    public static final String JWS = "application/jose+json";

    private Signatures() {}

    /** A new ECDSA P-256 key pair (what {@code cosign generate-key-pair} makes). */
    public static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key as PEM ({@code cosign.pub}). */
    public static String publicKeyPem(KeyPair key) {
        return pem("PUBLIC KEY", key.getPublic().getEncoded());
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** cosign's simple signing payload for {@code digest}, as {@code cosign sign} writes it. */
    public static String cosignPayload(String dockerReference, String digest) {
        return "{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference + "\"},\"image\":{\"docker-manifest-digest\":\""
                + digest + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}";
    }

    /** The base64 ASN.1 DER ECDSA P-256 SHA-256 signature of {@code payload}. */
    public static String cosignSign(PrivateKey key, byte[] payload) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(payload);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A cosign signature manifest (tag scheme: no subject, tag it {@code sha256-<hex>.sig}; referrer: {@code subjectManifest}
     * given) over {@code payload}, signed with {@code key}; returns the manifest JSON, stored in the layout.
     */
    public static String cosign(OciLayout layout, String payload, PrivateKey key, String subjectManifest) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        String layer = layout.blob(COSIGN_LAYER, bytes, "\"annotations\":{\"" + COSIGN_ANNOTATION + "\":\"" + cosignSign(key, bytes) + "\"}");
        String manifest;
        if (subjectManifest == null) {
            String config = "{\"architecture\":\"\",\"config\":{},\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
                    + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + OciLayout.sha256(bytes) + "\"]}}";
            manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                    + layout.blob(MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8), null) + ",\"layers\":[" + layer + "]}";
        } else {
            manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"" + COSIGN_ARTIFACT
                    + "\",\"config\":" + layout.blob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8), null) + ",\"layers\":["
                    + layer + "],\"subject\":" + OciLayout.descriptor(MediaTypes.OCI_MANIFEST, subjectManifest, null) + "}";
        }
        layout.blob(MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8), null);
        return manifest;
    }

    /** cosign's tag for the signature of {@code manifest} (tag scheme). */
    public static String cosignTag(String manifest) {
        return OciLayout.sha256(manifest).replace(':', '-') + ".sig";
    }

    /** A certificate chain made with the real {@code openssl}: a root CA and a code-signing leaf it issued, both ECDSA P-256. */
    public record Chain(PrivateKey leafKey, X509Certificate leaf, X509Certificate root, String rootPem) {
        public List<X509Certificate> certificates() {
            return List.of(leaf, root);
        }
    }

    public static Chain chain(Path dir, String name) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path ext = dir.resolve(name + "-leaf.ext");
        Files.writeString(ext, "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n");
        openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + "-root.key");
        openssl(dir, "req", "-x509", "-new", "-key", name + "-root.key", "-subj", "/CN=" + name + " root", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign", "-out", name + "-root.crt");
        openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + "-leaf.ec");
        openssl(dir, "pkcs8", "-topk8", "-nocrypt", "-in", name + "-leaf.ec", "-outform", "DER", "-out", name + "-leaf.p8");
        openssl(dir, "req", "-new", "-key", name + "-leaf.ec", "-subj", "/CN=" + name + " signer", "-out", name + "-leaf.csr");
        openssl(dir, "x509", "-req", "-in", name + "-leaf.csr", "-CA", name + "-root.crt", "-CAkey", name + "-root.key", "-CAcreateserial",
                "-days", "30", "-extfile", name + "-leaf.ext", "-out", name + "-leaf.crt");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve(name + "-leaf.p8"))));
        String rootPem = Files.readString(dir.resolve(name + "-root.crt"));
        return new Chain(key, certificate(Files.readAllBytes(dir.resolve(name + "-leaf.crt"))),
                certificate(rootPem.getBytes(StandardCharsets.US_ASCII)), rootPem);
    }

    private static X509Certificate certificate(byte[] pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** Notation's JWS payload: the signed artifact's descriptor. */
    public static String notationPayload(String mediaType, String digest, long size) {
        return "{\"targetArtifact\":{\"digest\":\"" + digest + "\",\"mediaType\":\"" + mediaType + "\",\"size\":" + size + "}}";
    }

    /** A Notation JWS envelope (JSON serialization) over {@code payload}, ES256 with the chain's leaf key, the chain in x5c. */
    public static String notationEnvelope(String payload, Chain chain) throws GeneralSecurityException {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"ES256\",\"crit\":[\"io.cncf.notary.signingScheme\"],\"cty\":\"application/vnd.cncf.notary.payload.v1+json\","
                + "\"io.cncf.notary.signingScheme\":\"notary.x509\",\"io.cncf.notary.signingTime\":\"2026-12-07T12:00:00Z\"}";
        String protectedHeader = url.encodeToString(header.getBytes(StandardCharsets.UTF_8));
        String encodedPayload = url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(chain.leafKey());
        signer.update((protectedHeader + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII));
        List<String> x5c = new ArrayList<>();
        for (X509Certificate c : chain.certificates()) {
            x5c.add("\"" + Base64.getEncoder().encodeToString(c.getEncoded()) + "\"");
        }
        return "{\"payload\":\"" + encodedPayload + "\",\"protected\":\"" + protectedHeader + "\",\"header\":{\"x5c\":["
                + String.join(",", x5c) + "],\"io.cncf.notary.signingAgent\":\"berth-tests\"},\"signature\":\""
                + url.encodeToString(derToConcat(signer.sign(), 32)) + "\"}";
    }

    /** A Notation signature manifest of {@code subjectManifest} carrying {@code envelope}; returns its JSON, stored in the layout. */
    public static String notation(OciLayout layout, String subjectManifest, String envelope, Chain chain) throws IOException, GeneralSecurityException {
        List<String> thumbprints = new ArrayList<>();
        for (X509Certificate c : chain.certificates()) {
            thumbprints.add("\\\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())) + "\\\"");
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"" + NOTATION_ARTIFACT
                + "\",\"config\":" + layout.blob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8), null) + ",\"layers\":["
                + layout.blob(JWS, envelope.getBytes(StandardCharsets.UTF_8), null) + "],\"subject\":"
                + OciLayout.descriptor(MediaTypes.OCI_MANIFEST, subjectManifest, null)
                + ",\"annotations\":{\"io.cncf.notary.x509chain.thumbprint#S256\":\"[" + String.join(",", thumbprints) + "]\"}}";
        layout.blob(MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8), null);
        return manifest;
    }

    /** An ASN.1 DER ECDSA signature as JWS wants it: R and S, each {@code size} bytes, big-endian. */
    static byte[] derToConcat(byte[] der, int size) {
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[offset + 1];
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength));
        int sStart = offset + 2 + rLength;
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(der, sStart + 2, sStart + 2 + der[sStart + 1]));
        byte[] out = new byte[2 * size];
        copy(r, out, 0, size);
        copy(s, out, size, size);
        return out;
    }

    private static void copy(BigInteger value, byte[] out, int at, int size) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > size ? bytes.length - size : 0;
        System.arraycopy(bytes, skip, out, at + size - (bytes.length - skip), bytes.length - skip);
    }
}
