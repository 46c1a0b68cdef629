package io.berth.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What core writes of a replication request is what jobservice reads, whatever each one's JSON settings. */
class ReplicationRequestContractTest {
    /** core-service's REST client JSON: snake case, nulls left out. */
    static final ObjectMapper CORE = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    /** jobservice's: snake case, unknown properties refused (a renamed field fails here, not silently at run time). */
    static final ObjectMapper JOBSERVICE = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void aRequestCrossesFromCoreToJobserviceIntact() throws Exception {
        ReplicationRequest sent = new ReplicationRequest(7, null, 3L, "mirror", 1,
                List.of(new ReplicationRequest.Filter("name", "library/**", "matches"),
                        new ReplicationRequest.Filter("label", List.of("prod", "signed"), "excludes")),
                true, 0, false, "EVENT_BASED", new ReplicationRequest.Resource("library/app", "v1", false, "sha256:" + "a".repeat(64)));
        String json = CORE.writeValueAsString(sent);
        assertThat(json).contains("\"policy_id\":7").contains("\"dest_registry_id\":3").contains("\"copy_by_chunk\":false")
                .doesNotContain("src_registry_id");
        assertThat(JOBSERVICE.readValue(json, ReplicationRequest.class)).isEqualTo(sent);
        // and with default (camel case) settings on either side, the wire stays the same
        assertThat(new ObjectMapper().readValue(json, ReplicationRequest.class)).isEqualTo(sent);
        assertThat(new ObjectMapper().writeValueAsString(sent)).contains("\"policy_id\":7");
    }
}
