package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import io.berth.common.testing.Slapd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ldap_auth on the whole system: a Berth of its own ({@code ./berth up}; the shared one has users, so its auth_mode
 * may not change) switched to a real slapd through the configuration API, then a real client's token flow with
 * directory credentials: skopeo copies an image in and out as an LDAP user, who was onboarded on that first login.
 * Then slapd is stopped: a registry token issued before keeps working until it expires (registry-service verifies it
 * without core or the directory), while a login that needs the directory is a clear 503, not a hang.
 */
class LdapIT {
    static final String ADMIN_PASSWORD = "Ldap12345678";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static BerthSystem berth;
    static Slapd slapd;
    static Path work;

    @BeforeAll
    static void up() throws Exception {
        slapd = Slapd.start();
        berth = new BerthSystem(Map.of("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD));
        BerthSystem.Result up = berth.berth("up");
        assertThat(up.exit()).as(up.output()).isZero();
        work = Files.createTempDirectory("ldap-it");
    }

    @AfterAll
    static void down() throws Exception {
        if (berth != null) {
            berth.close();
        }
        if (slapd != null) {
            slapd.close();
        }
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    @Test
    void anLdapUserPushesAndPullsWithSkopeoAndTheirTokenOutlivesTheDirectory() throws Exception {
        HttpResponse<String> configured = new AdminApi(berth, "admin:" + ADMIN_PASSWORD).call("PUT", "/api/v2.0/configurations",
                Map.of("auth_mode", "ldap_auth", "ldap_url", slapd.url(), "ldap_base_dn", Slapd.BASE, "ldap_search_dn", Slapd.SEARCH_DN,
                        "ldap_search_password", Slapd.SEARCH_PASSWORD, "ldap_filter", "(&(objectClass=inetOrgPerson)(!(employeeType=disabled)))",
                        "ldap_timeout", 2));
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        AdminApi alice = new AdminApi(berth, "alice:AlicePass1");
        HttpResponse<String> project = alice.call("POST", "/api/v2.0/projects", Map.of("project_name", "ldapit", "metadata", Map.of("public", "false")));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);

        OciLayout layout = new OciLayout(work.resolve("image"));
        layout.tag("v1", MediaTypes.OCI_MANIFEST, layout.image("amd64", 2, 30_000, 7));
        String pushed = Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", "alice:AlicePass1",
                "oci:" + work.resolve("image") + ":v1", "docker://" + berth.host() + "/ldapit/app:v1");
        assertThat(pushed).doesNotStartWith("FAILED");
        String pulled = Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", "alice:AlicePass1",
                "docker://" + berth.host() + "/ldapit/app:v1", "oci:" + work.resolve("pulled") + ":v1");
        assertThat(pulled).doesNotStartWith("FAILED");
        HttpResponse<String> carol = new AdminApi(berth, "carol:CarolPass1").call("GET", "/service/token?service=berth-registry", null);
        assertThat(carol.statusCode()).as("a disabled account, filtered out by ldap_filter").isEqualTo(401);
        JsonNode user = AdminApi.JSON.readTree(alice.call("GET", "/api/v2.0/users/current", null).body());
        assertThat(user.path("email").asText()).isEqualTo("alice@berth.test");

        HttpResponse<String> issued = alice.call("GET", "/service/token?service=berth-registry&scope=repository:ldapit/app:pull", null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String token = AdminApi.JSON.readTree(issued.body()).path("token").asText();

        slapd.stop();
        HttpResponse<String> manifest = HTTP.send(HttpRequest.newBuilder(URI.create(berth.url() + "/v2/ldapit/app/manifests/v1"))
                .header("Authorization", "Bearer " + token).header("Accept", MediaTypes.OCI_MANIFEST).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).as(manifest.body()).isEqualTo(200);
        HttpResponse<String> bob = new AdminApi(berth, "bob:BobPass1").call("GET", "/service/token?service=berth-registry&scope=repository:ldapit/app:pull", null);
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(503);
        assertThat(bob.body()).contains("LDAP server");
    }
}
