package io.berth.core.scanner;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.berth.common.testing.TestScannerAdapter;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harbor's scanner registration API against a scanner adapter over real HTTP ({@link TestScannerAdapter}): create, list,
 * get, update, delete, default, ping and metadata; a project's scanner and its candidates; the credential sealed at rest
 * and never answered; bad registrations refused with Harbor's error body and nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ScannerApiTest {
    static final TestScannerAdapter ADAPTER = new TestScannerAdapter();
    static final String PASSWORD = "Passw0rdS";
    static final String PROJECT = unique("scanned");
    static final String DEVELOPER = unique("dev");
    static String first;

    @Inject
    AgroalDataSource db;

    @AfterAll
    static void stop() {
        ADAPTER.close();
    }

    @BeforeEach
    void setUp() {
        ADAPTER.reset();
        if (first == null) {
            long project = Api.createProject(admin(), PROJECT, false);
            Api.createUser(DEVELOPER, PASSWORD);
            Api.addMember(project, DEVELOPER, 2);
            first = create(registration(unique("first"), ADAPTER.url()));
        }
    }

    static Map<String, Object> registration(String name, String url) {
        return new HashMap<>(Map.of("name", name, "url", url, "description", "test adapter", "auth", "X-ScannerAdapter-API-Key",
                "access_credential", TestScannerAdapter.API_KEY));
    }

    static String create(Map<String, Object> body) {
        String location = admin().body(body).post("/api/v2.0/scanners").then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void firstRegistrationIsTheDefaultAndItsCredentialIsNeverAnswered() throws Exception {
        admin().get("/api/v2.0/scanners/" + first).then().statusCode(200).body("is_default", equalTo(true))
                .body("auth", equalTo("X-ScannerAdapter-API-Key")).body("access_credential", equalTo("*****"))
                .body("skip_certVerify", equalTo(false)).body("url", equalTo(ADAPTER.url()));
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT access_credential FROM core.scanner_registration WHERE uuid = '" + first + "'")) {
            rs.next();
            assertThat(rs.getString(1)).isNotBlank().doesNotContain(TestScannerAdapter.API_KEY);
        }
        String body = admin().get("/api/v2.0/scanners?page_size=100").then().statusCode(200).extract().asString();
        assertThat(body).contains(first).doesNotContain(TestScannerAdapter.API_KEY);
    }

    @Test
    void metadataAndPingCallTheAdapterWithItsCredential() {
        admin().get("/api/v2.0/scanners/" + first + "/metadata").then().statusCode(200).body("scanner.name", equalTo("TestScanner"))
                .body("capabilities[0].produces_mime_types", hasItem(TestScannerAdapter.REPORT_TYPE));
        assertThat(ADAPTER.apiKeys).containsOnly(TestScannerAdapter.API_KEY);
        admin().body(Map.of("name", "p", "url", ADAPTER.url())).post("/api/v2.0/scanners/ping").then().statusCode(200);
        admin().body(Map.of("name", "p", "url", ADAPTER.url() + "/nothing-here")).post("/api/v2.0/scanners/ping").then().statusCode(400)
                .body("errors[0].code", equalTo("BAD_REQUEST")).body("errors[0].message", containsString("404"));
        admin().body(Map.of("name", "p", "url", "http://127.0.0.1:1")).post("/api/v2.0/scanners/ping").then().statusCode(400)
                .body("errors[0].message", containsString("cannot connect"));
    }

    @Test
    void badRegistrationsAreRefusedAndNothingIsStored() {
        long before = admin().get("/api/v2.0/scanners").then().extract().header("X-Total-Count") == null ? 0
                : Long.parseLong(admin().get("/api/v2.0/scanners").then().extract().header("X-Total-Count"));
        List<Map<String, Object>> bad = List.of(
                Map.of("url", "http://a.example"),
                Map.of("name", unique("x"), "url", "ftp://a.example"),
                Map.of("name", unique("x"), "url", "not a url"),
                Map.of("name", unique("x")),
                Map.of("name", unique("x"), "url", "http://b.example", "auth", "Digest", "access_credential", "x"),
                Map.of("name", unique("x"), "url", "http://b.example", "auth", "Basic", "access_credential", "no-colon"),
                Map.of("name", unique("x"), "url", "http://b.example", "auth", "Bearer"));
        for (Map<String, Object> body : bad) {
            admin().body(body).post("/api/v2.0/scanners").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        String name = admin().get("/api/v2.0/scanners/" + first).then().extract().path("name");
        admin().body(registration(name, "http://c.example")).post("/api/v2.0/scanners").then().statusCode(409)
                .body("errors[0].code", equalTo("CONFLICT"));
        admin().body(registration(unique("x"), ADAPTER.url())).post("/api/v2.0/scanners").then().statusCode(409);
        long after = Long.parseLong(admin().get("/api/v2.0/scanners").then().extract().header("X-Total-Count"));
        assertThat(after).isEqualTo(before);
        admin().get("/api/v2.0/scanners/no-such-uuid").then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
        as(DEVELOPER, PASSWORD).get("/api/v2.0/scanners").then().statusCode(403);
    }

    @Test
    void updateKeepsTheCredentialBehindTheMaskAndDefaultMoves() {
        String other = create(registration(unique("other"), "http://other.example:8080"));
        admin().get("/api/v2.0/scanners/" + other).then().body("is_default", equalTo(false));
        admin().body(Map.of("description", "changed", "access_credential", "*****", "skip_certVerify", true))
                .put("/api/v2.0/scanners/" + other).then().statusCode(200);
        admin().get("/api/v2.0/scanners/" + other).then().body("description", equalTo("changed")).body("skip_certVerify", equalTo(true))
                .body("access_credential", equalTo("*****"));
        admin().delete("/api/v2.0/scanners/" + first).then().statusCode(403).body("errors[0].code", equalTo("FORBIDDEN"));
        admin().body(Map.of("disabled", true)).put("/api/v2.0/scanners/" + first).then().statusCode(400);
        admin().body(Map.of("is_default", true)).patch("/api/v2.0/scanners/" + other).then().statusCode(200);
        admin().get("/api/v2.0/scanners/" + first).then().body("is_default", equalTo(false));
        admin().get("/api/v2.0/scanners/" + other).then().body("is_default", equalTo(true));
        admin().body(Map.of("is_default", true)).patch("/api/v2.0/scanners/" + first).then().statusCode(200);
        admin().delete("/api/v2.0/scanners/" + other).then().statusCode(200).body("uuid", equalTo(other));
        admin().get("/api/v2.0/scanners/" + other).then().statusCode(404);
    }

    @Test
    void aProjectScansWithItsChoiceOrTheDefault() {
        as(DEVELOPER, PASSWORD).get("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(200).body("uuid", equalTo(first))
                .body("health", equalTo("healthy")).body("adapter", equalTo("TestScanner")).body("access_credential", not(nullValue()));
        String chosen = create(registration(unique("chosen"), "http://127.0.0.1:1"));
        as(DEVELOPER, PASSWORD).body(Map.of("uuid", chosen)).put("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(403);
        as(DEVELOPER, PASSWORD).get("/api/v2.0/projects/" + PROJECT + "/scanner/candidates").then().statusCode(403);
        admin().body(Map.of("uuid", "nope")).put("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(404);
        admin().body(Map.of()).put("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(400);
        admin().body(Map.of("uuid", chosen)).put("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(200);
        admin().get("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(200).body("uuid", equalTo(chosen))
                .body("health", equalTo("unhealthy"));
        admin().get("/api/v2.0/projects/" + PROJECT + "/scanner/candidates?page_size=100").then().statusCode(200)
                .body("uuid", hasItem(chosen));
        admin().delete("/api/v2.0/scanners/" + chosen).then().statusCode(200);
        admin().get("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(200).body("uuid", equalTo(first));
    }
}
