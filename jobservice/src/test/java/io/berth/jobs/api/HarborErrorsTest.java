package io.berth.jobs.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.JobsTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jobservice answers its refusals and its failures in Harbor's shape, through the mapper it shares with core-service. */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
class HarborErrorsTest {

    @Test
    void refusalsOfTheResourcesAreHarborErrors() throws Exception {
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/999999/stop").then().statusCode(404)
                .contentType(ContentType.JSON).body("errors[0].code", equalTo("NOT_FOUND"))
                .body("errors[0].message", equalTo("execution 999999 not found"));
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(Map.of("action", "halt"))
                .put("/jobs/queues/REPLICATION").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"))
                .body("errors[0].message", equalTo("unknown action 'halt': pause, resume or stop"));
        given().contentType(ContentType.JSON).body(Map.of("action", "pause")).put("/jobs/queues/REPLICATION").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void failuresQuarkusRestReportsAreHarborErrorsToo() throws Exception {
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body("{")
                .post("/jobs/replication/executions").then().statusCode(400).contentType(ContentType.JSON)
                .body("errors[0].code", equalTo("BAD_REQUEST")).body("errors[0].message", startsWith("malformed JSON: "));
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/abc/stop").then().statusCode(400)
                .body("errors[0].code", equalTo("BAD_REQUEST")).body("errors[0].message", startsWith("invalid parameter value: "));
        given().header("Authorization", CoreTokens.bearer()).get("/jobs/replication/executions").then().statusCode(405)
                .body("errors[0].code", equalTo("METHOD_NOT_ALLOWED"));
    }
}
