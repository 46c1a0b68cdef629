package io.berth.registry.scrub;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.scrub.ScrubCheck;
import io.berth.common.scrub.ScrubChecked;
import io.berth.common.token.Audiences;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.Tokens;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire's default includes leave out *Bench): how fast the scrub API re-reads blobs on this storage driver,
 * unlimited and at a rate limit, medians of 3 rounds over 16 blobs of 8 MiB, printed as {@code SCRUBBENCH} lines. Run:
 * {@code mvn -pl jvm-opens/deployment,registry-service -am test-compile surefire:test@default-test -Dtest='ScrubFilesystemBench,ScrubS3Bench'}.
 * Tests never assert on wall-clock time; this only prints.
 */
abstract class ScrubBench {
    static final int BLOBS = 16;
    static final int SIZE = 8 << 20;

    @Inject
    ObjectMapper json;

    abstract String driver();

    @Test
    void measure() throws Exception {
        String repo = "scrubbench" + System.nanoTime() + "/app";
        RegistryClient client = new RegistryClient(repo, Tokens.pushPull(repo));
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < BLOBS; i++) {
            digests.add(client.pushBlob(Blobs.random(SIZE, System.nanoTime())));
        }
        round(digests, Long.MAX_VALUE / 4); // warm-up
        List<Double> unlimited = new ArrayList<>();
        List<Double> limited = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            unlimited.add(round(digests, Long.MAX_VALUE / 4));
        }
        for (int i = 0; i < 3; i++) {
            limited.add(round(digests.subList(0, 4), 50_000_000));
        }
        System.out.printf("SCRUBBENCH %s: unlimited %.0f MB/s; rate_limit 50 MB/s -> %.1f MB/s (medians of 3; %d x %d MiB)%n", driver(),
                median(unlimited), median(limited), BLOBS, SIZE >> 20);
    }

    /** Checks each blob alone (a page of one after the digest below it); MB/s over the round. */
    private double round(List<String> digests, long rate) throws Exception {
        long bytes = 0;
        long t0 = System.nanoTime();
        for (String digest : digests) {
            ScrubChecked page = given().header("Authorization", ScrubContract.bearer(Audiences.REGISTRY_SCRUB)).contentType("application/json")
                    .body(json.writeValueAsString(new ScrubCheck(1, ScrubContract.below(digest), 1, rate, Long.MAX_VALUE / 4)))
                    .post("/internal/scrub/check").then().statusCode(200).extract().as(ScrubChecked.class);
            bytes += page.bytes();
        }
        return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
