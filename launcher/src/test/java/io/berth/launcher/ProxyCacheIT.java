package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.media.MediaTypes;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A proxy-cache project whose upstream is a Berth (docs/proxy-cache.md): the {@link SharedBerth} as {@code ./berth up}
 * starts it, pulling through a registry endpoint of type {@code harbor} that points at its own gateway, so that another
 * of its projects is the upstream; Berth logs in there as any Harbor client does (Docker's token flow). skopeo pulls
 * through the gateway; the image deleted upstream, it still pulls by digest from the cache.
 */
@Order(8)
@ExtendWith(SharedBerth.class)
class ProxyCacheIT {
    static final String ADMIN = "admin:" + SharedBerth.ADMIN_PASSWORD;
    static BerthSystem berth;
    static AdminApi api;

    @BeforeAll
    static void shared(BerthSystem shared) {
        berth = shared;
        api = new AdminApi(shared, ADMIN);
    }

    private static long created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void aProxyCacheProjectPullsThroughFromABerthUpstreamAndKeepsWhatItPulled() throws Exception {
        Path layout = Files.createTempDirectory("proxy-cache-it");
        OciLayout oci = new OciLayout(layout);
        String image = oci.image("amd64", 2, 300_000, 61);
        oci.tag("v1", MediaTypes.OCI_MANIFEST, image);
        created(api.call("POST", "/api/v2.0/projects", Map.of("project_name", "proxy-origin")));
        assertThat(Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ADMIN, "oci:" + layout + ":v1",
                "docker://" + berth.host() + "/proxy-origin/team/app:v1")).doesNotStartWith("FAILED");

        long endpoint = created(api.call("POST", "/api/v2.0/registries", Map.of("name", "proxy-origin-berth", "type", "harbor",
                "url", berth.url(), "credential", Map.of("type", "basic", "access_key", "admin", "access_secret", SharedBerth.ADMIN_PASSWORD))));
        created(api.call("POST", "/api/v2.0/projects", Map.of("project_name", "proxy-self", "registry_id", endpoint,
                "metadata", Map.of("public", "true"))));

        // anonymous: the proxy-cache project is public; Berth logs in to its upstream with the endpoint's credentials
        String through = "docker://" + berth.host() + "/proxy-self/proxy-origin/team/app";
        assertThat(Skopeo.run("copy", "--src-tls-verify=false", through + ":v1", "oci:" + layout.resolve("first") + ":v1"))
                .doesNotStartWith("FAILED");
        assertThat(Skopeo.run("inspect", "--raw", "--tls-verify=false", through + ":v1")).isEqualTo(image);

        // cached once the client has pulled the blobs: the artifact is listed in the proxy-cache project
        String artifacts = "/api/v2.0/projects/proxy-self/repositories/proxy-origin%252Fteam%252Fapp/artifacts";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!api.call("GET", artifacts, null).body().contains(OciLayout.sha256(image))) {
            assertThat(System.nanoTime()).as("the image cached within 30 s").isLessThan(deadline);
            Thread.sleep(250);
        }

        HttpResponse<String> deleted = api.call("DELETE", "/api/v2.0/projects/proxy-origin/repositories/team%252Fapp/artifacts/v1", null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(Skopeo.run("copy", "--src-tls-verify=false", through + "@" + OciLayout.sha256(image),
                "oci:" + layout.resolve("cached") + ":v1")).doesNotStartWith("FAILED");
        assertThat(Files.readString(layout.resolve("cached/index.json"))).contains(OciLayout.sha256(image));
    }
}
