package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official OCI distribution-spec conformance suite (../shared/tools/oci-conformance, built from
 * opencontainers/distribution-spec) against a whole Berth started by {@code ./berth up}, through the
 * gateway and the token flow, with every optional workflow on. Any failure or skip fails the build; the
 * suite's junit.xml, results.yaml and report.html (every request and answer) stay in target/oci-conformance.
 * Sparse manifests (blobs absent) are left off: the spec lets a registry refuse them, and Berth does. On the
 * {@link SharedBerth}: the suite's repositories are its own.
 */
@Order(3)
@ExtendWith(SharedBerth.class)
class OciConformanceIT {
    static final Path SUITE = BerthSystem.HOME.resolve("../shared/tools/oci-conformance/oci-conformance").normalize();
    static final Path RESULTS = Path.of("target/oci-conformance").toAbsolutePath();
    static final String ADMIN_PASSWORD = SharedBerth.ADMIN_PASSWORD;
    static BerthSystem berth;

    @BeforeAll
    static void up(BerthSystem shared) {
        assertThat(SUITE).as("the conformance suite, which CI finds in ../shared beside the checkout").isExecutable();
        berth = shared;
    }

    @Test
    void everyWorkflowOfTheSpecPassesThroughTheGatewayWithTokens() throws Exception {
        Files.createDirectories(RESULTS);
        ProcessBuilder builder = new ProcessBuilder(SUITE.toString()).redirectErrorStream(true)
                .redirectOutput(RESULTS.resolve("output.txt").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(Map.ofEntries(
                Map.entry("OCI_REGISTRY", berth.host()), Map.entry("OCI_TLS", "disabled"),
                Map.entry("OCI_REPO1", "library/conformance"), Map.entry("OCI_REPO2", "library/conformance-mount"),
                Map.entry("OCI_USERNAME", "admin"), Map.entry("OCI_PASSWORD", ADMIN_PASSWORD),
                Map.entry("OCI_VERSION", "dev"),
                Map.entry("OCI_API_PULL", "true"), Map.entry("OCI_API_PUSH", "true"), Map.entry("OCI_API_TAGS_LIST", "true"),
                Map.entry("OCI_API_REFERRER", "true"), Map.entry("OCI_API_TAGS_DELETE", "true"),
                Map.entry("OCI_API_MANIFESTS_DELETE", "true"), Map.entry("OCI_API_BLOBS_DELETE", "true"),
                Map.entry("OCI_API_BLOBS_MOUNT_ANONYMOUS", "true"), Map.entry("OCI_API_BLOBS_UPLOAD_CANCEL", "true"),
                Map.entry("OCI_API_BLOBS_DIGEST_HEADER", "true"), Map.entry("OCI_API_MANIFESTS_DIGEST_HEADER", "true"),
                Map.entry("OCI_API_MANIFESTS_TAG_PARAM", "true"), Map.entry("OCI_DATA_SHA512", "true"),
                Map.entry("OCI_DATA_SPARSE", "false"),
                Map.entry("OCI_LOG", "warn"), Map.entry("OCI_RESULTS_DIR", RESULTS.toString())));
        Process suite = builder.start();
        assertThat(suite.waitFor(10, TimeUnit.MINUTES)).as("the suite ends").isTrue();
        String output = Files.readString(RESULTS.resolve("output.txt"));
        String junit = Files.readString(RESULTS.resolve("junit.xml"));

        assertThat(suite.exitValue()).as(output).isZero();
        assertThat(count(junit, "<failure")).as("failed tests, see " + RESULTS.resolve("report.html")).isZero();
        assertThat(skipped(output)).as("skipped tests: each is a workflow Berth would not have been judged on").isEmpty();
        assertThat(count(junit, "<testcase")).as("tests run").isGreaterThan(700);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** The lines of the suite's summary that say a test or workflow was skipped. */
    private static List<String> skipped(String output) {
        List<String> skipped = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*(.+?):\\s+Skip\\s*$").matcher(output);
        while (m.find()) {
            skipped.add(m.group(1).trim());
        }
        Matcher total = Pattern.compile("(?m)^\\s*Skip\\.+:\\s+(\\d+)\\s*$").matcher(output);
        if (total.find() && !"0".equals(total.group(1))) {
            skipped.add("summary: " + total.group(1) + " skipped");
        }
        return skipped;
    }
}
