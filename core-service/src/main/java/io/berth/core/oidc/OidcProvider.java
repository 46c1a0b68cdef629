package io.berth.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.common.error.HarborException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * The OpenID provider of {@code oidc_endpoint}, as its discovery document describes it. The document is cached for
 * {@link #DISCOVERY_TTL} per endpoint; its {@code issuer} must be the endpoint (OpenID Connect Discovery 4.3). The
 * provider's keys come from its {@code jwks_uri} through jose4j's {@link HttpsJwks}: cached as the provider's cache
 * headers say (an hour without them) and fetched again when a token names a {@code kid} the cached set lacks (key
 * rotation), at most once a second.
 *
 * <p>Built on jose4j (already core's JOSE library, managed by the Quarkus BOM) rather than quarkus-oidc, whose tenants
 * are fixed at build or start time: here the provider is run-time configuration that an administrator changes through
 * {@code /configurations}, so everything is looked up per login from the settings in effect.
 */
@ApplicationScoped
public class OidcProvider {
    static final Duration DISCOVERY_TTL = Duration.ofMinutes(5);
    private static final long JWKS_REFETCH_AT_MOST_EVERY_MS = 1000;

    private final ObjectMapper json = new ObjectMapper();
    private final Cache<String, Discovery> discoveries = Caffeine.newBuilder().maximumSize(16).expireAfterWrite(DISCOVERY_TTL).build();
    private final Cache<String, VerificationKeyResolver> keys = Caffeine.newBuilder().maximumSize(16).build();

    /** What Berth uses of a discovery document. */
    public record Discovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri, boolean basicAuth) {}

    /** A token endpoint's answer that worked. */
    public record TokenAnswer(String idToken, String refreshToken) {}

    public Discovery discovery(OidcSettings settings) {
        return discoveries.get(settings.endpoint() + " " + settings.verifyCert(), k -> fetchDiscovery(settings));
    }

    /** The provider's keys (from the discovery's jwks_uri) as jose4j resolves them by kid. */
    VerificationKeyResolver keys(OidcSettings settings, Discovery discovery) {
        return keys.get(discovery.jwksUri() + " " + settings.verifyCert(), k -> {
            HttpsJwks jwks = new HttpsJwks(discovery.jwksUri());
            jwks.setSimpleHttpGet(OidcHttp.jwksGet(settings.verifyCert()));
            jwks.setRefreshReprieveThreshold(JWKS_REFETCH_AT_MOST_EVERY_MS);
            return new HttpsJwksVerificationKeyResolver(jwks);
        });
    }

    /** Exchanges an authorization code (with its PKCE verifier) for tokens; 401 if the provider refuses, 503 if it cannot answer. */
    public TokenAnswer exchange(OidcSettings settings, String code, String verifier, String redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        return tokenRequest(settings, form, "exchange the authorization code");
    }

    /** Refreshes a session; 401 when the provider refuses the refresh token (the user was disabled or logged out there). */
    public TokenAnswer refresh(OidcSettings settings, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokenRequest(settings, form, "refresh the session");
    }

    private TokenAnswer tokenRequest(OidcSettings settings, Map<String, String> form, String what) {
        Discovery discovery = discovery(settings);
        OidcHttp.Answer answer;
        if (discovery.basicAuth()) {
            answer = OidcHttp.postForm(discovery.tokenEndpoint(), form, settings.clientId(), settings.clientSecret(), settings.verifyCert());
        } else {
            form.put("client_id", settings.clientId());
            form.put("client_secret", settings.clientSecret());
            answer = OidcHttp.postForm(discovery.tokenEndpoint(), form, null, null, settings.verifyCert());
        }
        JsonNode body = parse(answer.body());
        if (answer.status() >= 400 && answer.status() < 500) {
            String error = body == null ? "HTTP " + answer.status() : body.path("error").asText("HTTP " + answer.status())
                    + (body.hasNonNull("error_description") ? ": " + body.get("error_description").asText() : "");
            throw HarborException.unauthorized("the OIDC provider refused to " + what + ": " + error);
        }
        if (answer.status() != 200 || body == null) {
            throw OidcHttp.unavailable(discovery.tokenEndpoint(), "HTTP " + answer.status() + " to the request to " + what);
        }
        String refresh = body.path("refresh_token").asText("");
        return new TokenAnswer(body.path("id_token").asText(""), refresh.isEmpty() ? null : refresh);
    }

    private Discovery fetchDiscovery(OidcSettings settings) {
        String url = settings.endpoint() + "/.well-known/openid-configuration";
        OidcHttp.Answer answer = OidcHttp.get(url, settings.verifyCert());
        JsonNode doc = answer.status() == 200 ? parse(answer.body()) : null;
        if (doc == null) {
            throw OidcHttp.unavailable(url, "no discovery document (HTTP " + answer.status() + ")");
        }
        String issuer = doc.path("issuer").asText("");
        if (!trimSlash(issuer).equals(settings.endpoint())) {
            throw OidcHttp.unavailable(url, "its issuer " + issuer + " is not oidc_endpoint " + settings.endpoint());
        }
        String authorize = doc.path("authorization_endpoint").asText("");
        String token = doc.path("token_endpoint").asText("");
        String jwks = doc.path("jwks_uri").asText("");
        if (authorize.isEmpty() || token.isEmpty() || jwks.isEmpty()) {
            throw OidcHttp.unavailable(url, "the discovery document lacks authorization_endpoint, token_endpoint or jwks_uri");
        }
        JsonNode methods = doc.path("token_endpoint_auth_methods_supported");
        boolean basic = !methods.isArray() || methods.isEmpty() || methods.toString().contains("\"client_secret_basic\"")
                || !methods.toString().contains("\"client_secret_post\"");
        return new Discovery(issuer, authorize, token, jwks, basic);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
