package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every /api/v2.0 path shares: the ping, and 400 in Harbor's shape for a parameter that does not parse. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class SystemApiTest {

    @Test
    void pingAnswersPongToAnyone() {
        anonymous().get("/api/v2.0/ping").then().statusCode(200).contentType(startsWith("text/plain")).body(equalTo("Pong"));
    }

    @Test
    void numbersThatDoNotParseAre400NotA404() {
        long project = Api.createProject(admin(), unique("params"), false);
        for (String path : List.of("/api/v2.0/projects?page_size=99999999999", "/api/v2.0/projects?page=abc",
                "/api/v2.0/users?page_size=1.5", "/api/v2.0/projects/" + project + "/members/abc", "/api/v2.0/users/abc",
                "/api/v2.0/robots/12abc", "/api/v2.0/labels/99999999999999999999", "/api/v2.0/labels?scope=p&project_id=x",
                "/api/v2.0/replication/executions?policy_id=one", "/api/v2.0/registries/x", "/api/v2.0/jobservice/jobs/x/log")) {
            admin().get(path).then().statusCode(400).contentType(startsWith("application/json"))
                    .body("errors[0].code", equalTo("BAD_REQUEST")).body("errors[0].message", containsString("parameter"));
        }
        admin().get("/api/v2.0/no-such-path").then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
    }

    @Test
    void pagingOutOfRangeAndBadQueriesAre400() {
        for (String query : List.of("page_size=-1", "page_size=0", "page_size=101", "page=0", "q=name", "q=name=[a~b~c]", "q=,",
                "q=colour=red", "with_detail=maybe", "public=yes")) {
            admin().get("/api/v2.0/projects?" + query).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        admin().get("/api/v2.0/projects?with_detail=false&public=true").then().statusCode(200);
    }

    @Test
    void booleansAreTrueOrFalseAndNothingElse() {
        admin().get("/api/v2.0/projects/library/repositories/none/artifacts?with_tag=sure").then().statusCode(400)
                .body("errors[0].message", containsString("with_tag"));
    }
}
