package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.gateway.portal.PortalFallback;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The portal's pages: index.html for client-side routes, and the Content-Security-Policy on every portal response. */
@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class PortalTest {
    private static final boolean BUILT = PortalTest.class.getClassLoader().getResource("META-INF/resources/index.html") != null;

    @Test
    void clientSideRoutesGetTheAppWithItsContentSecurityPolicy() {
        for (String path : new String[] {"/", "/projects", "/projects/library/members", "/login?next=/projects"}) {
            Response r = given().accept("text/html").get(path);
            assertThat(r.header("Content-Security-Policy")).as(path).isEqualTo(PortalFallback.CONTENT_SECURITY_POLICY);
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            if (BUILT) {
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.contentType()).as(path).startsWith("text/html");
                assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-cache");
                assertThat(r.asString()).as(path).contains("<div id=\"root\">");
            } else {
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.asString()).as(path).contains("-Dportal.skip");
            }
        }
    }

    @Test
    void theAppNeedsNoInlineScriptOrStyleSoThePolicyAllowsNone() {
        assertThat(PortalFallback.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        if (BUILT) {
            String page = given().get("/projects").asString();
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page).find()).as("an inline script in " + page).isFalse();
            assertThat(page).doesNotContain("<style", " style=");
        }
    }

    @Test
    void aRepositoryWhoseNameHasADotIsAPageWhenABrowserNavigatesToIt() {
        Response r = given().accept("text/html,application/xhtml+xml").get("/projects/library/repositories/app.v2");
        assertThat(r.statusCode()).isEqualTo(BUILT ? 200 : 404);
        assertThat(r.header("Content-Security-Policy")).isEqualTo(PortalFallback.CONTENT_SECURITY_POLICY);
    }

    @Test
    void aMissingFileIsA404NotThePage() {
        given().accept("*/*").get("/assets/missing-0000.js").then().statusCode(404);
        given().accept("*/*").get("/favicon-missing.ico").then().statusCode(404);
    }

    @Test
    void theApisAnswersCarryNoPortalPolicy() {
        Response r = given().get("/v2/anything");
        assertThat(r.header("Content-Security-Policy")).isNull();
    }
}
