package io.berth.core.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A real OpenID provider for the test, started before Quarkus: navikt's mock-oauth2-server (discovery, JWKS, an
 * interactive login page at the authorization endpoint, the token endpoint with PKCE checks and rotating refresh
 * tokens, RS256-signed tokens). Its signing key can be rotated ({@link RotatingKeys}). The one double is
 * {@link NextTokenAnswer}: misbehaviours the provider never shows on its own (an ID token with {@code alg: none}, HMAC
 * "signed" with its public key, by an unknown key, without a nonce; refusing a refresh as for a disabled user, which
 * this provider has no notion of) are put on its token endpoint on demand.
 */
public class OidcProviderResource implements QuarkusTestResourceLifecycleManager {
    static final String ISSUER_ID = "berth-test";
    static volatile MockOAuth2Server server;
    static final RotatingKeys keys = new RotatingKeys();
    static final NextTokenAnswer nextTokenAnswer = new NextTokenAnswer();

    @Override
    public Map<String, String> start() {
        server = new MockOAuth2Server(new OAuth2Config(true, null, null, true, new OAuth2TokenProvider(keys)), new Route[] {nextTokenAnswer});
        server.start(0);
        return Map.of();
    }

    @Override
    public void stop() {
        server.shutdown();
    }

    static String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The provider's signing key: one current RSA key, which {@link #rotate} replaces (the JWKS then lists only the new one). */
    static final class RotatingKeys extends KeyProvider {
        private final AtomicInteger generation = new AtomicInteger();
        private volatile RSAKey current = generate();

        @Override
        public JWK signingKey(String issuerId) {
            return current;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) {
            return selector == null ? new ArrayList<>() : selector.select(new JWKSet(current).toPublicJWKSet());
        }

        RSAKey current() {
            return current;
        }

        void rotate() {
            current = generate();
        }

        private RSAKey generate() {
            try {
                return new RSAKeyGenerator(2048).keyID("key-" + generation.incrementAndGet()).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The double: when armed, the provider's next token request gets this answer instead of the provider's own. It also
     * counts the refresh requests the provider receives.
     */
    static final class NextTokenAnswer implements Route {
        private volatile Integer status;
        private volatile String body;
        final AtomicInteger refreshes = new AtomicInteger();

        void arm(int status, String body) {
            this.body = body;
            this.status = status;
        }

        void armIdToken(String idToken) {
            arm(200, "{\"token_type\":\"Bearer\",\"access_token\":\"opaque\",\"expires_in\":3600,\"refresh_token\":\"r-" + System.nanoTime()
                    + "\",\"id_token\":\"" + idToken + "\"}");
        }

        @Override
        public boolean match(OAuth2HttpRequest request) {
            boolean token = "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token");
            if (token && "refresh_token".equals(request.getFormParameters().get("grant_type"))) {
                refreshes.incrementAndGet();
            }
            return token && status != null;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            OAuth2HttpResponse answer = new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), status, body, null);
            status = null;
            return answer;
        }
    }
}
