package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Command;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portal in a real browser: Debian's headless Chromium, driven by playwright-core from
 * {@code portal/e2e/portal.e2e.mjs}, against the {@link SharedBerth} (started as {@code ./berth up} starts it; the
 * gateway serves the portal jar the build made), after the other classes that share it: its wrong-password step and
 * its dry runs of GC and audit purge touch the whole system. The script logs in, creates a project, sees an image skopeo pushed, pulls it with the
 * command the portal gives, adds a member who then sees the project, creates a robot that pushes with its secret,
 * deletes a tag, unfolds an artifact (labels, layers, build history), scans an image the built-in scanner finds
 * vulnerabilities in (the scanner tests' OSV records, {@link ScannableImage}) and reads its report, goes through the
 * administration pages (a registry endpoint for a CNCF Distribution started here, a replication to it watched until it
 * succeeds, a proxy-cache project of that endpoint with an image pulled through it, the configuration page), checks
 * that a member is refused them, switches language, checks accessibility with axe-core, and saves screenshots under
 * {@code portal/target/screenshots}. Needs node, chromium, skopeo, umoci and docker-registry, and the portal built (npm ci ran).
 */
@Order(9)
@ExtendWith(SharedBerth.class)
class PortalIT {
    static final String ADMIN_PASSWORD = SharedBerth.ADMIN_PASSWORD;
    static final String MIRROR_PASSWORD = "Mirr0r-pass";
    static BerthSystem berth;
    static Distribution distribution;
    static Path work;

    @BeforeAll
    static void up(BerthSystem shared) throws Exception {
        berth = shared;
        distribution = Distribution.start("mirror", MIRROR_PASSWORD);
        work = Files.createTempDirectory("berth-portal");
        OciLayout layout = new OciLayout(work.resolve("image"));
        layout.tag("v1", MediaTypes.OCI_MANIFEST, layout.image("amd64", 2, 30_000, 5));
        ScannableImage.build(work.resolve("scannable"));
        ScannableImage.installDatabase(berth);
    }

    @AfterAll
    static void down() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
        if (work != null) {
            Command.run("rm", "-rf", work.toString());
        }
    }

    @Test
    void thePortalInChromium() throws Exception {
        // what else uses the CPU while the browser runs: the script's steps took 3-5 times longer in CI than alone
        System.out.println(Command.run("sh", "-c", "ps -eo pid,pcpu,rss,etime,args --sort=-pcpu | head -n 12 | cut -c1-200").output());
        Path script = BerthSystem.HOME.resolve("portal/e2e/portal.e2e.mjs");
        assertThat(BerthSystem.HOME.resolve("portal/node_modules/playwright-core")).as("the portal's npm ci ran").exists();
        Command.Result result = Command.run(Map.of(
                        "BERTH_URL", berth.url(),
                        "BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD,
                        "BERTH_TEST_IMAGE", work.resolve("image").toString(),
                        "BERTH_SCAN_IMAGE", work.resolve("scannable/layout").toString(),
                        "BERTH_DISTRIBUTION_URL", distribution.url(),
                        "BERTH_DISTRIBUTION_CREDS", "mirror:" + MIRROR_PASSWORD,
                        "BERTH_SCREENSHOTS", BerthSystem.HOME.resolve("portal/target/screenshots").toString()),
                List.of("node", script.toString()), Duration.ofMinutes(8));
        assertThat(result.exit()).as(result.output()).isZero();
        System.out.println(result.output());
    }
}
