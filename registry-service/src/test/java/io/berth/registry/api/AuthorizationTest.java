package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.token.TokenKeys;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bearer tokens: every refusal is a 401 with a challenge naming the scope the request needs. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class AuthorizationTest {
    @TestHTTPResource("/")
    URI registry;
    private final String repo = Blobs.repository("library");
    private final String manifestUrl = "/v2/" + repo + "/manifests/latest";

    @Test
    void noTokenIs401WithAChallengeNamingTheScope() {
        RegistryClient.request(null).get(manifestUrl).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"https://registry.test/service/token\",service=\"berth-registry\","
                        + "scope=\"repository:" + repo + ":pull\"")
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        RegistryClient.request(null).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"repository:" + repo + ":pull,push\""));
        RegistryClient.request(null).get("/v2/").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"https://registry.test/service/token\",service=\"berth-registry\"");
        RegistryClient.request("Basic YWRtaW46cGFzcw==").get(manifestUrl).then().statusCode(401);
    }

    @Test
    void aValidTokenOpensTheBaseEndpoint() {
        RegistryClient.request(Tokens.bearer(repo, "pull")).get("/v2/").then().statusCode(200).body(equalTo("{}"));
    }

    @Test
    void aTokenForAnotherRepositoryIs401SoTheClientAsksForTheRightOne() {
        RegistryClient.request(Tokens.bearer("library/other", "pull,push")).get(manifestUrl).then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"repository:" + repo + ":pull\""));
    }

    @Test
    void aTokenWithoutTheActionIs401InsufficientScopeSoTheClientAsksForMore() {
        RegistryClient.request(Tokens.bearer(repo, "pull")).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"https://registry.test/service/token\",service=\"berth-registry\","
                        + "scope=\"repository:" + repo + ":pull,push\",error=\"insufficient_scope\"")
                .body("errors[0].code", equalTo("UNAUTHORIZED"))
                .body("errors[0].detail[0].Action", equalTo("push"));
        // the conformance suite's case: a pull token cached for the repository, then an upload's status
        RegistryClient.request(Tokens.bearer(repo, "pull")).get("/v2/" + repo + "/blobs/uploads/" + java.util.UUID.randomUUID())
                .then().statusCode(401).header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        RegistryClient.request(Tokens.bearer(repo, "pull,push")).delete(manifestUrl).then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"repository:" + repo + ":delete\""));
        RegistryClient.request(Tokens.bearer(repo, "")).get(manifestUrl).then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        RegistryClient.request(Tokens.bearer(repo, "pull")).get("/v2/_catalog").then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"registry:catalog:*\",error=\"insufficient_scope\""));
    }

    @Test
    void theWildcardActionGrantsEverything() {
        RegistryClient.request(Tokens.bearer(repo, "*")).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202);
    }

    @Test
    void expiredTokensAreRefused() {
        String expired = Tokens.token(Map.of(repo, "pull"), RegistryTestResource.ISSUER, RegistryTestResource.SERVICE, -600, Tokens.key());
        RegistryClient.request("Bearer " + expired).get(manifestUrl).then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("errors[0].message", containsString("expired"));
    }

    @Test
    void tokensOfAnotherIssuerOrServiceAreRefused() {
        String otherIssuer = Tokens.token(Map.of(repo, "pull"), "someone-else", RegistryTestResource.SERVICE, 300, Tokens.key());
        RegistryClient.request("Bearer " + otherIssuer).get(manifestUrl).then().statusCode(401)
                .body("errors[0].message", equalTo("token not issued by a trusted issuer (iss)"));
        String otherService = Tokens.token(Map.of(repo, "pull"), RegistryTestResource.ISSUER, "another-registry", 300, Tokens.key());
        RegistryClient.request("Bearer " + otherService).get(manifestUrl).then().statusCode(401)
                .body("errors[0].message", equalTo("token not issued for this service (aud)"));
    }

    @Test
    void tokensSignedByAnotherKeyOrTamperedWithAreRefused() throws Exception {
        Path dir = Files.createTempDirectory("other-key");
        TokenKeys.generateIfMissing(dir.resolve("k"), dir.resolve("c"), "intruder");
        PrivateKey intruder = TokenKeys.readPrivateKey(dir.resolve("k"));
        String forged = Tokens.token(Map.of(repo, "pull,push"), RegistryTestResource.ISSUER, RegistryTestResource.SERVICE, 300, intruder);
        RegistryClient.request("Bearer " + forged).get(manifestUrl).then().statusCode(401)
                .body("errors[0].message", equalTo("token signature invalid"));

        String genuine = Tokens.bearer(repo, "pull").substring(7);
        String[] parts = genuine.split("\\.");
        String widened = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"pull\"", "\"pull\",\"push\"");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(widened.getBytes()) + "." + parts[2];
        RegistryClient.request("Bearer " + tampered).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(401);
        // the reason is ours: neither jose4j's exception nor the token is quoted back
        RegistryClient.request("Bearer not.a.jwt").get(manifestUrl).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("errors[0].message", equalTo("malformed token"));
        RegistryClient.request("Bearer ").get(manifestUrl).then().statusCode(401);
    }

    @Test
    void invalidNamesAreRefusedWhateverTheToken() {
        for (String bad : new String[] {"Library/App", "library/../etc", "library//app", "-lead/app", "library/app-",
                "a".repeat(256), "library/ap p"}) {
            RegistryClient.request(Tokens.bearer(bad, "pull")).get("/v2/" + bad + "/tags/list").then().statusCode(400)
                    .body("errors[0].code", equalTo("NAME_INVALID"));
        }
        String longest = "a".repeat(100) + "/" + "b".repeat(154);
        RegistryClient.request(Tokens.bearer(longest, "pull")).get("/v2/" + longest + "/tags/list").then().statusCode(404)
                .body("errors[0].code", equalTo("NAME_UNKNOWN"));
    }

    @Test
    void aClientWaitingFor100ContinueIsAskedForItsBodyOnlyWithTheRightToken() throws Exception {
        String digest = Blobs.sha256("hello");
        String[] authorizations = {null, Tokens.bearer(repo, "pull"), Tokens.pushPull(repo)};
        for (int i = 0; i < authorizations.length; i++) {
            String authorization = authorizations[i];
            try (java.net.Socket socket = new java.net.Socket(registry.getHost(), registry.getPort())) {
                socket.setSoTimeout(10_000);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST /v2/" + repo + "/blobs/uploads/?digest=" + digest + " HTTP/1.1\r\nHost: x\r\n"
                        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                        + "Content-Type: application/octet-stream\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                java.io.InputStream in = socket.getInputStream();
                String first = readLine(in);
                if (i < 2) {
                    assertThat(first).as("refused before the body").matches("HTTP/1.1 40[13] .*");
                } else {
                    assertThat(first).startsWith("HTTP/1.1 100");
                    while (!readLine(in).isEmpty()) {
                        // the rest of the interim response
                    }
                    out.write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    assertThat(readLine(in)).startsWith("HTTP/1.1 201");
                }
            }
        }
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n';) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void emptyNameComponentsAreInvalidAsSent() throws Exception {
        // java.net.http sends the path as written; Vert.x would merge the slashes into library/app
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest listing = HttpRequest.newBuilder(registry.resolve("/v2/" + repo.replace("/", "//") + "/tags/list"))
                .header("Authorization", Tokens.pushPull(repo)).build();
        HttpRequest upload = HttpRequest.newBuilder(registry.resolve("/v2/" + repo + "//blobs/uploads/"))
                .header("Authorization", Tokens.pushPull(repo)).POST(HttpRequest.BodyPublishers.noBody()).build();
        for (HttpRequest request : new HttpRequest[] {listing, upload}) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(request.uri().toString()).isEqualTo(400);
            assertThat(answer.body()).contains("NAME_INVALID");
        }
    }

    @Test
    void unknownEndpointsAndMethods() {
        RegistryClient.request(Tokens.bearer(repo, "pull")).get("/v2/" + repo + "/unknown/thing").then().statusCode(404)
                .body("errors[0].code", equalTo("UNSUPPORTED")).body("errors[0].message", equalTo("no such endpoint: /v2/" + repo + "/unknown/thing"));
        RegistryClient.request(Tokens.bearer(repo, "pull")).get("/v2/" + repo + "/manifests/a/b").then().statusCode(404);
        RegistryClient.request(Tokens.bearer(repo, "*")).post("/v2/" + repo + "/manifests/latest").then().statusCode(405)
                .header("Allow", "GET, HEAD, PUT, DELETE").body("errors[0].code", equalTo("UNSUPPORTED"));
        RegistryClient.request(Tokens.bearer(repo, "*")).patch("/v2/" + repo + "/blobs/uploads/").then().statusCode(405)
                .header("Allow", "POST");
        RegistryClient.request(Tokens.bearer(repo, "*")).post("/v2/" + repo + "/blobs/uploads/some-id").then().statusCode(405)
                .header("Allow", "PATCH, PUT, GET, DELETE");
        RegistryClient.request(Tokens.bearer(repo, "*")).put("/v2/").then().statusCode(405).header("Allow", "GET, HEAD");
        RegistryClient.request(Tokens.bearer(repo, "*")).post("/v2/" + repo + "/tags/list").then().statusCode(405).header("Allow", "GET");
        RegistryClient.request(Tokens.bearer(repo, "*")).redirects().follow(false).get("/v2").then().statusCode(301)
                .header("Location", "/v2/").header("Docker-Distribution-API-Version", "registry/2.0");
    }
}
