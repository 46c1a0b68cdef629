package io.berth.core.purge;

import static io.berth.core.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.berth.common.token.Audiences;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.StubJobservice;
import io.berth.core.token.TokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * core's internal audit-log purge API on the real audit log: the cutoff PostgreSQL computes, batches that walk the
 * old entries of the chosen operations in order (a dry run counts and deletes nothing; a real one deletes exactly
 * those), only for a token of its own audience, and bad batches refused with nothing deleted.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class InternalPurgeApiTest {
    static final String API = "/internal/audit/purge";

    @Inject
    AgroalDataSource db;

    @Inject
    TokenIssuer tokens;

    String tag;

    @BeforeEach
    void entries() throws Exception {
        tag = UUID.randomUUID().toString();
        try (Connection c = db.getConnection()) { // the entries earlier tests of this class left
            c.createStatement().executeUpdate("DELETE FROM core.audit_log WHERE op_time < now() - interval '2 hours'");
        }
        // old: 100 hours ago (three entries at the very same instant, so the walk orders by id too), and new: 1 hour ago
        for (String operation : List.of("create", "create developer", "pull", "pull", "pull", "delete", "login", "update", "created")) {
            entry(operation, 100);
        }
        for (String operation : List.of("create", "pull", "delete")) {
            entry(operation, 1);
        }
    }

    @Test
    void aDryRunCountsBatchByBatchAndARealRunDeletesExactlyTheOldEntriesOfTheOperations() throws Exception {
        String cutoff = jobservice().body(Map.of("run_id", 7, "retention_hours", 48)).post(API + "/start").then().statusCode(200)
                .extract().path("cutoff");
        assertThat(java.time.Instant.parse(cutoff)).isBefore(java.time.Instant.now().minusSeconds(47 * 3600));

        List<Integer> counts = walk(cutoff, List.of("create", "pull"), true, 2);
        assertThat(counts).containsExactly(2, 2, 1); // create, create developer, pull ×3 — "created" is another operation
        assertThat(remaining()).containsExactlyInAnyOrder("create", "create developer", "pull", "pull", "pull", "delete", "login",
                "update", "created", "create", "pull", "delete");
        counts = walk(cutoff, List.of("create", "pull"), false, 2);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
        assertThat(remaining()).containsExactlyInAnyOrder("delete", "login", "update", "created", "create", "pull", "delete");

        assertThat(walk(cutoff, List.of("create", "pull"), false, 100)).containsExactly(0); // run again: nothing left to do
        assertThat(walk(cutoff, List.of("delete", "login", "update"), false, 1000)).containsExactly(3);
        assertThat(remaining()).containsExactlyInAnyOrder("created", "create", "pull", "delete");
    }

    @Test
    void onlyATokenOfItsOwnAudienceMayCall() {
        Map<String, Object> start = Map.of("run_id", 1, "retention_hours", 1);
        given().contentType(ContentType.JSON).body(start).post(API + "/start").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED")).body("errors[0].message", containsString(Audiences.CORE_AUDIT_PURGE));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + tokens.issue("x", Audiences.JOBSERVICE, List.of()).token())
                .body(start).post(API + "/start").then().statusCode(401).body("errors[0].message", containsString("invalid token"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer not.a.token").body(start).post(API + "/batch").then()
                .statusCode(401);
        admin().body(start).post(API + "/start").then().statusCode(401); // a system administrator's password is not enough
        jobservice().post(API + "/nothing").then().statusCode(404);
    }

    @Test
    void badBatchesAreRefusedAndDeleteNothing() throws Exception {
        String cutoff = jobservice().body(Map.of("run_id", 8, "retention_hours", 48)).post(API + "/start").then().statusCode(200)
                .extract().path("cutoff");
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(batch(cutoff, List.of("create"), 0));
        bad.add(batch(cutoff, List.of("create"), 10_001));
        bad.add(batch(cutoff, List.of("create", "purge"), 10));
        bad.add(batch(cutoff, List.of(), 10));
        bad.add(batch(null, List.of("create"), 10));
        for (Map<String, Object> body : bad) {
            jobservice().body(body).post(API + "/batch").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        jobservice().body("{\"cutoff\": \"yesterday\"").post(API + "/batch").then().statusCode(400);
        jobservice().body(Map.of("run_id", 8, "retention_hours", 0)).post(API + "/start").then().statusCode(400);
        assertThat(remaining()).hasSize(12);
    }

    /** Batches until one answers no next key; each batch's count. */
    List<Integer> walk(String cutoff, List<String> operations, boolean dryRun, int limit) {
        List<Integer> counts = new ArrayList<>();
        Object after = null;
        do {
            Map<String, Object> body = batch(cutoff, operations, limit);
            body.put("dry_run", dryRun);
            body.put("after", after);
            JsonPath done = jobservice().body(body).post(API + "/batch").then().statusCode(200).extract().jsonPath();
            counts.add(done.getInt("count"));
            after = done.get("next");
        } while (after != null);
        return counts;
    }

    Map<String, Object> batch(String cutoff, List<String> operations, int limit) {
        Map<String, Object> body = new HashMap<>();
        body.put("run_id", 7);
        body.put("cutoff", cutoff);
        body.put("operations", operations);
        body.put("dry_run", false);
        body.put("limit", limit);
        return body;
    }

    RequestSpecification jobservice() {
        return given().contentType(ContentType.JSON).header("Authorization",
                "Bearer " + tokens.issue("jobservice", Audiences.CORE_AUDIT_PURGE, List.of()).token());
    }

    void entry(String operation, int hoursAgo) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO core.audit_log (username, resource, resource_type, operation, op_time) "
                        + "VALUES ('purge-test', ?, 'test', ?, date_trunc('hour', now()) - make_interval(hours => ?))")) {
            st.setString(1, tag);
            st.setString(2, operation);
            st.setInt(3, hoursAgo);
            st.executeUpdate();
        }
    }

    /** The operations of this test's entries still there. */
    List<String> remaining() throws Exception {
        List<String> operations = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT operation FROM core.audit_log WHERE resource = ?")) {
            st.setString(1, tag);
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                operations.add(rs.getString(1));
            }
        }
        return operations;
    }
}
