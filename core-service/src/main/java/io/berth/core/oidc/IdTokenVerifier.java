package io.berth.core.oidc;

import io.berth.common.error.HarborException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies an ID token (OpenID Connect Core 3.1.3.7): signed by a key of the provider's JWKS with an asymmetric
 * algorithm (so {@code alg: none}, and an HS* token "signed" with the provider's public key, are refused), {@code iss}
 * the discovery's issuer, {@code aud} containing the client id (and {@code azp} the client when there are several),
 * {@code exp} not passed (60 s of clock skew), {@code sub} present, and {@code nonce} the one of this login.
 * Then reads the user it describes ({@link OidcIdentity}).
 */
@ApplicationScoped
public class IdTokenVerifier {
    /** At most this many groups, of at most {@link #MAX_GROUP_NAME} characters each, are taken from a groups claim. */
    static final int MAX_GROUPS = 256;
    static final int MAX_GROUP_NAME = 255;
    private static final String[] ASYMMETRIC_ALGORITHMS = {AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
        AlgorithmIdentifiers.RSA_PSS_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
        AlgorithmIdentifiers.EDDSA};
    private static final AlgorithmConstraints ASYMMETRIC = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            ASYMMETRIC_ALGORITHMS);

    private final OidcProvider provider;

    IdTokenVerifier(OidcProvider provider) {
        this.provider = provider;
    }

    /**
     * The user of a verified ID token; 401 naming the first reason it is refused. {@code nonce} null: none is expected
     * (a refresh's ID token), and {@code subject} not null: it must be this subject (the refreshed session's).
     */
    public OidcIdentity verify(OidcSettings settings, String idToken, String nonce, String subject) {
        if (idToken == null || idToken.isEmpty()) {
            throw refused("the provider's answer has no id_token");
        }
        String algorithm = algorithm(idToken);
        if (!java.util.Arrays.asList(ASYMMETRIC_ALGORITHMS).contains(algorithm)) {
            throw refused("its signature algorithm " + algorithm + " is not accepted (asymmetric algorithms only: "
                    + String.join(", ", ASYMMETRIC_ALGORITHMS) + ")");
        }
        OidcProvider.Discovery discovery = provider.discovery(settings);
        JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject().setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(discovery.issuer()).setExpectedAudience(settings.clientId())
                .setVerificationKeyResolver(provider.keys(settings, discovery)).setJwsAlgorithmConstraints(ASYMMETRIC).build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw refused(reason(e));
        }
        try {
            if (nonce != null && !equal(nonce, claims.getClaimValue("nonce") instanceof String s ? s : null)) {
                throw refused(claims.hasClaim("nonce") ? "its nonce is not the one of this login" : "it has no nonce");
            }
            List<String> audience = claims.getAudience();
            if (audience.size() > 1 && !settings.clientId().equals(claims.getClaimValue("azp"))) {
                throw refused("it has several audiences and azp is not " + settings.clientId());
            }
            if (subject != null && !subject.equals(claims.getSubject())) {
                throw refused("its subject is not the session's");
            }
            return new OidcIdentity(claims.getIssuer(), claims.getSubject(), string(claims, settings.userNameClaim()),
                    string(claims, "email"), string(claims, "name"), groups(settings, claims));
        } catch (MalformedClaimException e) {
            throw refused(e.getMessage());
        }
    }

    /** The groups claim's groups that pass oidc_group_filter; 401 for a claim that is not a list of strings or is too long. */
    private static List<String> groups(OidcSettings settings, JwtClaims claims) {
        if (settings.groupsClaim().isEmpty() || !claims.hasClaim(settings.groupsClaim())) {
            return List.of();
        }
        if (!(claims.getClaimValue(settings.groupsClaim()) instanceof List<?> raw) || !raw.stream().allMatch(String.class::isInstance)) {
            throw refused("its groups claim " + settings.groupsClaim() + " is not a list of strings");
        }
        if (raw.size() > MAX_GROUPS) {
            throw refused("its groups claim " + settings.groupsClaim() + " lists " + raw.size() + " groups; at most " + MAX_GROUPS
                    + " are accepted");
        }
        List<String> groups = new ArrayList<>();
        for (Object group : raw) {
            String name = (String) group;
            if (name.isEmpty() || name.length() > MAX_GROUP_NAME) {
                throw refused("its groups claim " + settings.groupsClaim() + " has a group name that is empty or longer than "
                        + MAX_GROUP_NAME + " characters");
            }
            if (settings.groupFilter().map(p -> p.matcher(name).matches()).orElse(true)) {
                groups.add(name);
            }
        }
        return List.copyOf(groups);
    }

    /** The {@code alg} of a compact JWS's header (checked before jose4j too, so that the refusal says it plainly). */
    private static String algorithm(String compact) {
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(compact);
            return String.valueOf(structure.getAlgorithmHeaderValue());
        } catch (JoseException e) {
            throw refused("it is not a signed JWT: " + e.getMessage());
        }
    }

    private static String string(JwtClaims claims, String name) {
        Map<String, Object> all = claims.getClaimsMap();
        return all.get(name) instanceof String s && !s.isBlank() ? s : null;
    }

    private static boolean equal(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** The first reason jose4j gives, in words an administrator can act on. */
    private static String reason(InvalidJwtException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvableKeyException) {
                return "no key of the provider's JWKS verifies it (unknown kid, or the JWKS cannot be fetched)";
            }
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return "it has expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return "its issuer (iss) is not the provider's";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
            return "its audience (aud) is not this client (oidc_client_id)";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "its signature is not valid";
        }
        List<ErrorCodeValidator.Error> details = e.getErrorDetails();
        String detail = details.isEmpty() ? String.valueOf(e.getCause()) : details.get(0).getErrorMessage();
        return detail.length() > 300 ? detail.substring(0, 300) + "…" : detail;
    }

    private static HarborException refused(String why) {
        return HarborException.unauthorized("ID token refused: " + why);
    }
}
