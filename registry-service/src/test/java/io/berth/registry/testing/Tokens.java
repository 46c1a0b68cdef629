package io.berth.registry.testing;

import io.berth.common.token.TokenKeys;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Mints registry tokens as core-service does, so registry tests can be authorized for exactly what they need. */
public final class Tokens {
    private Tokens() {}

    /** "Bearer …" granting {@code actions} (e.g. "pull,push") on each repository of {@code grants} (name → actions). */
    public static String bearer(Map<String, String> grants) {
        return "Bearer " + token(grants, RegistryTestResource.ISSUER, RegistryTestResource.SERVICE, 300, key());
    }

    public static String bearer(String repository, String actions) {
        return bearer(Map.of(repository, actions));
    }

    public static String catalog() {
        List<Map<String, Object>> access = List.of(Map.of("type", "registry", "name", "catalog", "actions", List.of("*")));
        return "Bearer " + sign(claims(RegistryTestResource.ISSUER, RegistryTestResource.SERVICE, 300, access), key());
    }

    public static String token(Map<String, String> grants, String issuer, String audience, long lifetimeSeconds, PrivateKey key) {
        List<Map<String, Object>> access = new ArrayList<>();
        grants.forEach((name, actions) -> access.add(Map.of("type", "repository", "name", name,
                "actions", List.of(actions.isEmpty() ? new String[0] : actions.split(",")))));
        return sign(claims(issuer, audience, lifetimeSeconds, access), key);
    }

    private static JwtClaims claims(String issuer, String audience, long lifetimeSeconds, List<Map<String, Object>> access) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("tester");
        claims.setAudience(audience);
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now - 1));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetimeSeconds));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("access", access);
        return claims;
    }

    public static String sign(JwtClaims claims, PrivateKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(TokenKeys.keyId(CertificateFactory.getInstance("X.509").generateCertificate(
                    java.nio.file.Files.newInputStream(RegistryTestResource.CERT)).getPublicKey()));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey key() {
        try {
            return TokenKeys.readPrivateKey(RegistryTestResource.KEY);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Access for pushing and pulling the given repositories. */
    public static String pushPull(String... repositories) {
        Map<String, String> grants = new LinkedHashMap<>();
        for (String r : repositories) {
            grants.put(r, "pull,push,delete");
        }
        return bearer(grants);
    }
}
