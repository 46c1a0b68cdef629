package io.berth.registry.gc;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.gc.GcCollect;
import io.berth.common.gc.GcCollected;
import io.berth.common.gc.GcDeleted;
import io.berth.common.gc.GcFinish;
import io.berth.common.gc.GcItem;
import io.berth.common.gc.GcKey;
import io.berth.common.gc.GcPage;
import io.berth.common.gc.GcPageRequest;
import io.berth.common.gc.GcStart;
import io.berth.common.gc.GcStarted;
import io.berth.common.gc.GcSweep;
import io.berth.common.gc.GcSwept;
import io.berth.common.token.Audiences;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the internal GC API the way jobservice's GC job does: start, phase M in rounds (with delete_untagged), then
 * L and B, paging candidates and collecting them in batches, then finish. What a run deleted is summed up in a
 * {@link Report}.
 */
public final class GcClient {
    private static final AtomicLong RUNS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private final ObjectMapper json;

    public GcClient(ObjectMapper json) {
        this.json = json;
    }

    static String bearer() {
        return "Bearer " + Tokens.token(Map.of(), RegistryTestResource.ISSUER, Audiences.REGISTRY_GC, 300, Tokens.key());
    }

    public record Report(Instant cutoff, List<GcDeleted> deleted, int busy, int inUse, List<String> failures, long bytes) {
        public List<String> digests(String kind) {
            return deleted.stream().filter(d -> d.kind().equals(kind)).map(GcDeleted::digest).sorted().toList();
        }
    }

    public Report run(Integer timeWindowHours, boolean deleteUntagged, boolean dryRun) {
        long run = RUNS.incrementAndGet();
        GcStarted started = call("start", new GcStart(run, timeWindowHours, dryRun), GcStarted.class);
        List<GcDeleted> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long[] counts = new long[3];
        if (deleteUntagged) {
            for (int round = 0; round < 10; round++) {
                int before = deleted.size();
                phase("manifests", run, started.cutoff(), dryRun, deleted, failures, counts);
                if (deleted.size() == before) {
                    break;
                }
            }
        }
        phase("links", run, started.cutoff(), dryRun, deleted, failures, counts);
        phase("blobs", run, started.cutoff(), dryRun, deleted, failures, counts);
        call("finish", new GcFinish(run), null);
        return new Report(started.cutoff(), deleted, (int) counts[0], (int) counts[1], failures, counts[2]);
    }

    /** What an orphan sweep did over every page of both areas. */
    public record Sweep(Instant cutoff, int listed, List<GcSwept.Orphan> deleted, int young, int busy, List<String> failures, long bytes) {
        public List<String> paths() {
            return deleted.stream().map(GcSwept.Orphan::path).toList();
        }
    }

    /** A run that only sweeps orphans (as jobservice does after phase B with {@code sweep_orphans}), in pages of {@code pageSize}. */
    public Sweep sweep(Integer timeWindowHours, boolean dryRun, int pageSize) {
        long run = RUNS.incrementAndGet();
        GcStarted started = call("start", new GcStart(run, timeWindowHours, dryRun), GcStarted.class);
        List<GcSwept.Orphan> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int[] counts = new int[3];
        long bytes = 0;
        for (String area : List.of(GcSweep.BLOBS, GcSweep.UPLOADS)) {
            String after = null;
            do {
                GcSwept page = call("orphans/sweep", new GcSweep(run, started.cutoff(), dryRun, area, after, pageSize), GcSwept.class);
                deleted.addAll(page.deleted());
                failures.addAll(page.failures());
                counts[0] += page.listed();
                counts[1] += page.young();
                counts[2] += page.busy();
                bytes += page.bytes();
                after = page.next();
            } while (after != null);
        }
        call("finish", new GcFinish(run), null);
        return new Sweep(started.cutoff(), counts[0], deleted, counts[1], counts[2], failures, bytes);
    }

    GcStarted start(long run, Integer timeWindowHours, boolean dryRun) {
        return call("start", new GcStart(run, timeWindowHours, dryRun), GcStarted.class);
    }

    GcCollected collect(String kind, long run, Instant cutoff, boolean dryRun, List<GcItem> items) {
        return call(kind + "/collect", new GcCollect(run, cutoff, dryRun, items), GcCollected.class);
    }

    List<GcItem> candidates(String kind, long run, Instant cutoff, boolean dryRun) {
        List<GcItem> all = new ArrayList<>();
        GcKey after = null;
        do {
            GcPage page = call(kind + "/candidates", new GcPageRequest(run, cutoff, dryRun, after, 50), GcPage.class);
            all.addAll(page.items());
            after = page.next();
        } while (after != null);
        return all;
    }

    private void phase(String kind, long run, Instant cutoff, boolean dryRun, List<GcDeleted> deleted, List<String> failures,
            long[] counts) {
        List<GcItem> items = candidates(kind, run, cutoff, dryRun);
        for (int from = 0; from < items.size(); from += 100) {
            GcCollected done = collect(kind, run, cutoff, dryRun, items.subList(from, Math.min(items.size(), from + 100)));
            deleted.addAll(done.deleted());
            failures.addAll(done.failures());
            counts[0] += done.busy();
            counts[1] += done.inUse();
            counts[2] += done.bytes();
        }
    }

    Response post(String op, String authorization, Object body) {
        try {
            var request = given().contentType("application/json").body(json.writeValueAsString(body));
            return (authorization == null ? request : request.header("Authorization", authorization)).post("/internal/gc/" + op);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T call(String op, Object body, Class<T> answer) {
        Response response = post(op, bearer(), body);
        if (response.statusCode() != (answer == null ? 204 : 200)) {
            throw new IllegalStateException(op + " answered " + response.statusCode() + ": " + response.asString());
        }
        try {
            return answer == null ? null : json.readValue(response.asByteArray(), answer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
