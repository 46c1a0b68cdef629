package io.berth.core.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's part of the OIDC login, driven by HTTP: Berth's {@code /c/oidc/login} redirect, the provider's login page
 * (the user types a name and the claims the provider should assert), the provider's redirect back, Berth's callback.
 * Redirects are followed by hand and the cookies Berth sets are kept.
 */
final class OidcBrowser {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** What the provider sent the browser back with: the callback's path and query, and the state cookie Berth set. */
    record Callback(String pathAndQuery, String stateCookie) {}

    private OidcBrowser() {}

    /** Logs in at the provider as {@code subject} with these claims (a JSON object); the callback to take to Berth. */
    static Callback atProvider(String subject, String claimsJson) {
        Response start = given().redirects().follow(false).get("/c/oidc/login");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.header("Location");
        String state = start.cookie(OidcLoginResourceCookies.STATE);
        assertThat(state).isNotBlank();
        String form = "username=" + encode(subject) + "&claims=" + encode(claimsJson);
        try {
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(authorize))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
            URI back = URI.create(login.headers().firstValue("Location").orElseThrow());
            assertThat(back.getPath()).isEqualTo("/c/oidc/callback");
            return new Callback(back.getRawPath() + "?" + back.getRawQuery(), state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Berth's answer to the callback, with the state cookie. */
    static Response toBerth(Callback callback) {
        return given().redirects().follow(false).urlEncodingEnabled(false).cookie(OidcLoginResourceCookies.STATE, callback.stateCookie())
                .get(callback.pathAndQuery());
    }

    static Response login(String subject, String claimsJson) {
        return toBerth(atProvider(subject, claimsJson));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The cookie names of io.berth.core.auth.OidcLoginResource, as a browser sees them. */
    static final class OidcLoginResourceCookies {
        static final String STATE = "oidc_state";
        static final String ONBOARDING = "oidc_onboarding";
        static final String SESSION = "sid";

        private OidcLoginResourceCookies() {}
    }
}
