package io.berth.common.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * Notation signatures in the JWS envelope (notaryproject specs signature-envelope-jws.md): a JWS JSON serialization
 * whose protected header names the algorithm ({@code ES256}, {@code ES384}, {@code ES512}, {@code PS256},
 * {@code PS384}, {@code PS512}) and the content type {@code application/vnd.cncf.notary.payload.v1+json}, whose
 * payload is {@code {"targetArtifact": <descriptor of the signed manifest>}}, and whose unprotected header's
 * {@code x5c} carries the certificate chain, signing certificate first.
 *
 * <p>A verdict: the payload must name the image's digest, the signature must verify with the signing certificate's key
 * (JDK crypto), and each certificate of the chain must be signed by the next (the last by itself or by a trust anchor
 * outside the chain, which then never matches). The result is the set of fingerprints of the chain's certificates: the
 * signature is trusted by a project that holds any of them as a trust anchor.
 */
public final class NotationSignatures {
    public static final String PAYLOAD_TYPE = "application/vnd.cncf.notary.payload.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotationSignatures() {}

    /** The fingerprints of the certificates of a valid envelope over {@code digest}; empty if anything does not hold. */
    public static Set<String> verifiedCertificates(byte[] envelope, String digest) {
        try {
            JsonNode jws = JSON.readTree(envelope);
            Base64.Decoder url = Base64.getUrlDecoder();
            String protectedHeader = jws.path("protected").asText("");
            String payload = jws.path("payload").asText("");
            JsonNode header = JSON.readTree(url.decode(protectedHeader));
            if (!PAYLOAD_TYPE.equals(header.path("cty").asText())) {
                return Set.of();
            }
            JsonNode signed = JSON.readTree(url.decode(payload));
            if (!digest.equals(signed.path("targetArtifact").path("digest").asText())) {
                return Set.of();
            }
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode c : jws.path("header").path("x5c")) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(c.asText()))));
            }
            if (chain.isEmpty()) {
                return Set.of();
            }
            byte[] signature = url.decode(jws.path("signature").asText(""));
            Signature verifier = verifier(header.path("alg").asText());
            if (verifier == null) {
                return Set.of();
            }
            String alg = header.path("alg").asText();
            verifier.initVerify(chain.get(0).getPublicKey());
            verifier.update((protectedHeader + "." + payload).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(alg.startsWith("ES") ? concatToDer(signature) : signature)) {
                return Set.of();
            }
            for (int i = 0; i + 1 < chain.size(); i++) {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            }
            Set<String> fingerprints = new LinkedHashSet<>();
            for (X509Certificate c : chain) {
                fingerprints.add(KeyFingerprints.sha256(KeyFingerprints.encoded(c)));
            }
            return fingerprints;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Set.of();
        }
    }

    private static Signature verifier(String alg) throws GeneralSecurityException {
        return switch (alg) {
            case "ES256" -> Signature.getInstance("SHA256withECDSA");
            case "ES384" -> Signature.getInstance("SHA384withECDSA");
            case "ES512" -> Signature.getInstance("SHA512withECDSA");
            case "PS256", "PS384", "PS512" -> {
                String hash = "SHA-" + alg.substring(2);
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(alg.substring(2)) / 8, 1));
                yield pss;
            }
            default -> null;
        };
    }

    /** A JWS ECDSA signature (R and S, each half) as the ASN.1 DER the JDK verifies. */
    static byte[] concatToDer(byte[] concat) throws IOException {
        if (concat.length == 0 || concat.length % 2 != 0) {
            throw new IOException("an ECDSA JWS signature has two halves of equal length");
        }
        int half = concat.length / 2;
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(concat, 0, half))));
        v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(concat, half, concat.length))));
        return new DERSequence(v).getEncoded();
    }
}
