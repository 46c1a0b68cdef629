package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Distribution;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The design's promises under real faults, on a whole Berth started by {@code ./berth up} with a
 * PostgreSQL of its own (embedded: {@code database.embedded: always}, so it can really be stopped), a
 * private {@code redis-server} without persistence (so a restart really empties it) and the blob storage
 * on a tmpfs (so it can really be full). Clients are plain {@code java.net.http} speaking the Docker token
 * flow through the gateway with the admin's credentials: random blobs of 64 KiB to 4 MiB pushed whole
 * ({@code POST ?digest=}), as {@code POST}+{@code PUT} or in {@code PATCH} chunks, manifests referencing
 * them, pulls by tag and by digest. Every pull is hashed; every acknowledged push (a {@code 201} for its
 * manifest) is recorded with its manifest bytes and the seed and size of each blob, and pulled back
 * intact after the faults.
 * <ol>
 * <li>Storage full: a blob that does not fit is refused with an OCI error, leaves nothing visible nor on
 * disk once its session is gone, and what was pushed before is still served.</li>
 * <li>kill -9 of each service in turn under load: the supervisor starts it again, no acknowledged push is
 * lost, no pull returns wrong bytes, a chunked upload cut by the kill resumes, {@code ./berth status} tells.</li>
 * <li>PostgreSQL stopped for 5 s under load: requests fail fast (503 with Retry-After, never a 500 or a
 * hang), and serving resumes within 10 s of PostgreSQL answering again.</li>
 * <li>Redis flushed and restarted empty during pushes and a replication: every push reaches the audit log,
 * the execution succeeds and the images are at the destination.</li>
 * <li>Redis restarted while core is not reading (frozen for those seconds, as it is while it restarts):
 * the push events relayed to Redis in the meantime still reach the audit log.</li>
 * </ol>
 * Failures while something is down (connection refused, 502, 503) are expected and counted; wrong bytes,
 * a lost acknowledged push, a 500 or a hang are not. {@link #main} runs the same clients and faults for
 * longer ({@code bench/chaos-bench.sh}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {
    static final String ADMIN_PASSWORD = "Chaos12345";
    static final ObjectMapper JSON = new ObjectMapper();
    /** A request not answered within this is a hang. */
    static final Duration HANG = Duration.ofSeconds(60);
    static final int KIB = 1024;
    static final int MIB = 1024 * KIB;
    static final List<String> SERVICES = List.of("registry", "core", "gateway", "jobservice");

    static Rig rig;
    static final Ledger LEDGER = new Ledger();

    @BeforeAll
    static void up() throws Exception {
        rig = Rig.start(true);
    }

    @AfterAll
    static void down() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // d. storage full
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aFullStorageRefusesWhatDoesNotFitLeavesNothingBehindAndServesWhatItHas() throws Exception {
        assertThat(rig.mountError).as("the blob storage on a 48 MiB tmpfs (the tests run as root, as CI does)").isNull();
        rig.resizeStorage(rig.storageUsed() + 48L * MIB);
        Stats stats = new Stats("storage full");
        Client client = new Client(rig.url(), stats);
        SplittableRandom random = new SplittableRandom(4);
        List<String> findings = new ArrayList<>();
        try {
            Ack before = client.push("library/chaos-full", "before", random, 2, 4 * MIB, "d");
            LEDGER.add(before);
            byte[] big = content(41, 64 * MIB);
            String digest = sha256(big);
            String blobs = "/v2/library/chaos-full/blobs/";

            // chunked: the PATCH that fills the storage is refused; the session is cancelled and leaves nothing
            URI location = client.startUpload("library/chaos-full");
            HttpResponse<byte[]> patch = client.call("PATCH (storage full)", "library/chaos-full", "pull,push",
                    client.builder(location).header("Content-Type", "application/octet-stream")
                            .header("Content-Range", "0-" + (big.length - 1)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(big)));
            refusedWithOciError("PATCH of 64 MiB into 48 MiB", patch, findings);
            expectNoBlob(client, "library/chaos-full", digest, findings);
            client.pull(before, true); // what is there is served while the storage is full
            HttpResponse<byte[]> cancel = client.call("DELETE upload", "library/chaos-full", "pull,push",
                    client.builder(location).DELETE());
            if (cancel.statusCode() != 204) {
                findings.add("DELETE of the failed upload answered " + describe(cancel));
            }
            expectNoUploadLeft("after the failed chunked upload was cancelled", findings);
            LEDGER.add(client.push("library/chaos-full", "after-chunked", random, 1, 256 * KIB, "d"));

            // monolithic: refused; the client has no session to cancel, so nothing may be left of it
            HttpResponse<byte[]> post = client.call("POST ?digest= (storage full)", "library/chaos-full", "pull,push",
                    client.builder(URI.create(rig.url() + blobs + "uploads/?digest=" + digest))
                            .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
            refusedWithOciError("monolithic POST of 64 MiB into 48 MiB", post, findings);
            expectNoBlob(client, "library/chaos-full", digest, findings);
            client.pull(before, false);
            expectNoUploadLeft("after a failed monolithic upload (no Location was given: nobody can cancel it)", findings);
            try {
                LEDGER.add(client.push("library/chaos-full", "after-monolithic", random, 1, 256 * KIB, "d"));
            } catch (IOException e) {
                findings.add("a small push after the failed monolithic upload failed: " + e.getMessage()
                        + " (storage " + rig.storageUsed() / KIB + " KiB used of " + rig.storageTotal() / KIB + ")");
            }
            for (Ack ack : LEDGER.of("d")) {
                client.pull(ack, true);
                client.pull(ack, false);
            }
        } finally {
            rig.resizeStorage(Rig.LARGE_STORAGE);
        }
        System.out.println(stats.summary());
        findings.addAll(stats.problems());
        assertThat(findings).as("storage full").isEmpty();
    }

    private static void refusedWithOciError(String what, HttpResponse<byte[]> response, List<String> findings) {
        int status = response.statusCode();
        if (status < 400) {
            findings.add(what + " was accepted: " + describe(response));
            return;
        }
        try {
            JsonNode errors = JSON.readTree(response.body()).path("errors");
            if (!errors.isArray() || errors.isEmpty() || errors.get(0).path("code").asText().isEmpty()) {
                findings.add(what + ": no OCI error JSON: " + describe(response));
            }
        } catch (IOException e) {
            findings.add(what + ": no OCI error JSON: " + describe(response));
        }
        System.out.println("[chaos] " + what + ": " + describe(response));
    }

    private static void expectNoBlob(Client client, String repository, String digest, List<String> findings) throws IOException {
        HttpResponse<byte[]> head = client.call("HEAD blob", repository, "pull,push",
                client.builder(URI.create(rig.url() + "/v2/" + repository + "/blobs/" + digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (head.statusCode() != 404) {
            findings.add("HEAD of the refused blob " + digest + " answered " + head.statusCode() + ", not 404");
        }
        Path file = rig.storage.resolve("blobs/sha256/" + digest.substring(7, 9) + "/" + digest.substring(7));
        if (Files.exists(file)) {
            findings.add("the refused blob has a directory in storage: " + file);
        }
    }

    /** The upload area holds no file (deletion of an upload's bytes may follow its answer: a few seconds' grace). */
    private static void expectNoUploadLeft(String when, List<String> findings) throws Exception {
        List<String> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = filesUnder(rig.storage.resolve("_uploads"));
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        findings.add("files left in the storage's upload area " + when + ": " + left + " (storage " + rig.storageUsed() / KIB
                + " KiB used of " + rig.storageTotal() / KIB + ")");
    }

    static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> {
                try {
                    return dir.relativize(p) + " (" + Files.size(p) + " bytes)";
                } catch (IOException e) {
                    return dir.relativize(p).toString();
                }
            }).toList();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // a. kill -9 of each service under load
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void killMinus9OfEachServiceUnderLoadLosesNoAcknowledgedPushAndServesNoWrongByte() throws Exception {
        Stats stats = new Stats("kill -9");
        List<String> findings = new ArrayList<>();
        Map<String, Duration> recovery = new LinkedHashMap<>();
        Map<String, Long> restartsBefore = new HashMap<>();
        for (String s : SERVICES) {
            restartsBefore.put(s, rig.restarts(s));
        }
        try (Load load = Load.start(rig.url(), 20, 30, stats, LEDGER, "a")) {
            Thread.sleep(4000);
            for (String service : SERVICES) {
                // an upload in the middle of a chunk when the process on its path dies
                InterruptedUpload cut = service.equals("registry") || service.equals("gateway")
                        ? InterruptedUpload.begin(new Client(rig.url(), stats), "library/chaos-resume-" + service, service.hashCode())
                        : null;
                Duration back = rig.killAndAwait(service, Duration.ofSeconds(120));
                if (back == null) {
                    findings.add(service + " was not ready again 120 s after kill -9");
                    continue;
                }
                recovery.put(service, back);
                if (cut != null) {
                    String problem = cut.resume();
                    if (problem != null) {
                        findings.add("chunked upload cut by kill -9 of " + service + ": " + problem);
                    }
                }
                Thread.sleep(3000);
            }
        }
        int lost = verify(LEDGER.all(), stats);
        String status = rig.berth.berth("status").output();
        for (String s : SERVICES) {
            long restarts = rig.restarts(s) - restartsBefore.get(s);
            if (restarts < 1 || !Pattern.compile("(?m)^" + s + " .*running.*restarted \\d+ times?").matcher(status).find()) {
                findings.add("./berth status does not show the restart of " + s + ":\n" + status);
            }
        }
        System.out.println(stats.summary());
        System.out.println("[chaos] kill -9, ready again after: " + recovery.entrySet().stream()
                .map(e -> e.getKey() + " " + millis(e.getValue()) + " ms").collect(Collectors.joining(", ")));
        System.out.println("[chaos] ./berth status after the kills:\n" + status);
        findings.addAll(stats.problems());
        assertThat(stats.pushes.sum()).as("pushes acknowledged under load").isPositive();
        assertThat(stats.pulls.sum()).as("pulls verified under load").isPositive();
        assertThat(lost).as("acknowledged pushes lost").isZero();
        assertThat(findings).as("kill -9 of each service").isEmpty();
    }

    /**
     * A chunked upload with one chunk acknowledged and the next one on its way (slowly) when a process on
     * its path is killed; {@link #resume} continues it as a client would once the service is back.
     */
    static final class InterruptedUpload {
        private final Client client;
        private final String repository;
        private final byte[] content;
        private final String digest;
        private final URI location;
        private final CompletableFuture<HttpResponse<byte[]>> slow;
        private final long acknowledged;

        private InterruptedUpload(Client client, String repository, byte[] content, URI location, long acknowledged,
                CompletableFuture<HttpResponse<byte[]>> slow) {
            this.client = client;
            this.repository = repository;
            this.content = content;
            this.digest = sha256(content);
            this.location = location;
            this.acknowledged = acknowledged;
            this.slow = slow;
        }

        /** Uploads the first MiB, starts sending the next 3 MiB at ~800 KB/s, and returns 1.5 s into it. */
        static InterruptedUpload begin(Client client, String repository, long seed) throws Exception {
            byte[] content = content(seed, 4 * MIB);
            URI location = client.startUpload(repository);
            HttpResponse<byte[]> first = client.call("PATCH", repository, "pull,push", client.builder(location)
                    .header("Content-Type", "application/octet-stream").header("Content-Range", "0-" + (MIB - 1))
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, 0, MIB)));
            expect(first, 202);
            URI next = client.location(first);
            int rest = content.length - MIB;
            HttpRequest second = client.authorized(client.builder(next).header("Content-Type", "application/octet-stream")
                    .header("Content-Range", MIB + "-" + (content.length - 1))
                    .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new Throttled(content, MIB, rest, 8 * KIB, 10)), rest)), client.tokens.get(repository));
            CompletableFuture<HttpResponse<byte[]>> slow = client.http.sendAsync(second, HttpResponse.BodyHandlers.ofByteArray());
            Thread.sleep(1500);
            if (slow.isDone()) {
                throw new AssertionError("the slow chunk ended before the kill: " + (slow.isCompletedExceptionally() ? "failed" : describe(slow.get())));
            }
            return new InterruptedUpload(client, repository, content, next, MIB, slow);
        }

        /** Resumes from the Range the registry reports and completes; null when all went as promised, else what did not. */
        String resume() throws Exception {
            String cut;
            try {
                cut = describe(slow.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                cut = e.getCause().toString();
            } catch (TimeoutException e) {
                slow.cancel(true);
                return "the chunk in flight during the kill had no answer 60 s later (hang)";
            }
            System.out.println("[chaos] the chunk in flight during the kill: " + cut);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            HttpResponse<byte[]> status = null;
            while (System.nanoTime() < deadline) {
                try {
                    status = client.call("GET upload", repository, "pull,push", client.builder(location).GET());
                    if (status.statusCode() != 502 && status.statusCode() != 503) {
                        break;
                    }
                } catch (IOException e) {
                    status = null; // the gateway itself is not back yet
                }
                Thread.sleep(500);
            }
            if (status == null || status.statusCode() != 204) {
                return "GET of the upload after the restart answered " + (status == null ? "nothing" : describe(status))
                        + " (the session should survive in PostgreSQL)";
            }
            Matcher range = Pattern.compile("^0-(\\d+)$").matcher(status.headers().firstValue("Range").orElse(""));
            if (!range.matches()) {
                return "GET of the upload: no Range in " + describe(status);
            }
            long offset = Long.parseLong(range.group(1)) + 1;
            if (offset < acknowledged || offset > content.length) {
                return "GET of the upload after the restart reports Range 0-" + (offset - 1) + " but " + acknowledged
                        + " bytes were acknowledged (of " + content.length + ")";
            }
            // while the killed writer's lease on the upload runs out (15 s at most) the registry says so, with Retry-After:
            // a client waits that long and tries again
            HttpResponse<byte[]> patch;
            long patchDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (true) {
                patch = client.call("PATCH (resumed)", repository, "pull,push", client.builder(client.location(status))
                        .header("Content-Type", "application/octet-stream").header("Content-Range", offset + "-" + (content.length - 1))
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, (int) offset, (int) (content.length - offset))));
                String retryAfter = patch.headers().firstValue("Retry-After").orElse(null);
                if (patch.statusCode() != 400 || retryAfter == null || System.nanoTime() > patchDeadline) {
                    break;
                }
                System.out.println("[chaos] the upload is still held by the killed writer's lease; trying again in " + retryAfter + " s");
                Thread.sleep(Long.parseLong(retryAfter) * 1000);
            }
            if (patch.statusCode() != 202) {
                return "PATCH of bytes " + offset + "- after the restart (GET said Range 0-" + (offset - 1) + ") answered "
                        + describe(patch);
            }
            HttpResponse<byte[]> put = client.call("PUT blob (resumed)", repository, "pull,push",
                    client.builder(withDigest(client.location(patch), digest)).PUT(HttpRequest.BodyPublishers.noBody()));
            if (put.statusCode() != 201) {
                return "PUT ?digest= completing the resumed upload answered " + describe(put);
            }
            HttpResponse<byte[]> blob = client.call("GET blob", repository, "pull",
                    client.builder(URI.create(client.base + "/v2/" + repository + "/blobs/" + digest)).GET());
            if (blob.statusCode() != 200 || !sha256(blob.body()).equals(digest)) {
                return "the resumed blob " + digest + " reads back as " + describe(blob);
            }
            System.out.println("[chaos] resumed the upload at byte " + offset + " and completed it: " + digest);
            return null;
        }
    }

    /** Bytes {@code from}..{@code from+length} of {@code content}, {@code piece} at a time with a pause after each. */
    static final class Throttled extends InputStream {
        private final byte[] content;
        private final int end;
        private final int piece;
        private final long pauseMillis;
        private int position;

        Throttled(byte[] content, int from, int length, int piece, long pauseMillis) {
            this.content = content;
            this.position = from;
            this.end = from + length;
            this.piece = piece;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            int n = Math.min(Math.min(len, piece), end - position);
            System.arraycopy(content, position, b, off, n);
            position += n;
            return n;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // b. PostgreSQL stopped mid-load
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void postgresStoppedMidLoadFailsRequestsFastAndServingResumesWithin10s() throws Exception {
        Stats stats = new Stats("postgres stop");
        List<String> findings = new ArrayList<>();
        EmbeddedPostgres postgres = new EmbeddedPostgres(rig.berth.dataDir);
        int port = postgres.port().orElseThrow();
        long stop;
        long answering;
        Duration recovery;
        try (Load load = Load.start(rig.url(), 20, 30, stats, LEDGER, "b")) {
            Thread.sleep(3000);
            stop = System.nanoTime();
            postgres.stop(); // pg_ctl stop -m fast
            System.out.println("[chaos] PostgreSQL stopped in " + (System.nanoTime() - stop) / 1_000_000 + " ms");
            Thread.sleep(5000);
            assertThat(postgres.start(BerthSystem.PG_USER, BerthSystem.PG_PASSWORD)).as("PostgreSQL back on its port").isEqualTo(port);
            answering = System.nanoTime();
            recovery = rig.probeUntilServing(stats, Duration.ofSeconds(60));
            Thread.sleep(3000);
        }
        List<Ack> pushed = new ArrayList<>(LEDGER.of("b"));
        pushed.addAll(LEDGER.of("probe"));
        int lost = verify(pushed, stats);

        List<Exchange> during = stats.exchanges.stream().filter(e -> e.start() >= stop && e.start() <= answering).toList();
        List<Exchange> failed = during.stream().filter(Exchange::failed).toList();
        Exchange slowest = during.stream().max((x, y) -> Long.compare(x.nanos(), y.nanos())).orElse(null);
        Exchange slowestFailure = failed.stream().max((x, y) -> Long.compare(x.nanos(), y.nanos())).orElse(null);
        System.out.println(stats.summary());
        System.out.println("[chaos] during the outage: " + during.size() + " requests, " + failed.size() + " failed ("
                + outcomes(failed) + "); slowest " + (slowest == null ? "-" : slowest) + "; slowest failure "
                + (slowestFailure == null ? "-" : slowestFailure));
        System.out.println("[chaos] serving again " + millis(recovery) + " ms after PostgreSQL answered");
        if (failed.isEmpty()) {
            findings.add("no request failed while PostgreSQL was stopped: the outage was not observed");
        }
        for (Exchange e : failed) {
            if (e.nanos() > TimeUnit.SECONDS.toNanos(5)) {
                findings.add("did not fail fast while PostgreSQL was down: " + e);
            }
            if (e.status() == 503 && e.label().startsWith("/v2") && !e.retryAfter()) {
                findings.add("503 without Retry-After under /v2: " + e);
            }
        }
        for (Exchange e : during) {
            if (e.nanos() > TimeUnit.SECONDS.toNanos(10)) {
                findings.add("hung while PostgreSQL was down: " + e);
            }
        }
        if (recovery == null) {
            findings.add("serving did not resume within 60 s of PostgreSQL answering again");
        } else if (recovery.compareTo(Duration.ofSeconds(10)) > 0) {
            findings.add("serving resumed " + millis(recovery) + " ms after PostgreSQL answered again: more than 10 s");
        }
        findings.addAll(stats.problems());
        assertThat(lost).as("acknowledged pushes lost").isZero();
        assertThat(findings).as("PostgreSQL stopped for 5 s").isEmpty();
    }

    private static String outcomes(List<Exchange> exchanges) {
        return exchanges.stream().collect(Collectors.groupingBy(e -> e.label() + " " + e.outcome(), TreeMap::new, Collectors.counting()))
                .toString();
    }

    // ---------------------------------------------------------------------------------------------
    // c. Redis flushed and restarted
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void redisFlushedAndRestartedLosesNoEventAndNoReplicationJob() throws Exception {
        Stats stats = new Stats("redis flush");
        List<String> findings = new ArrayList<>();
        try (Distribution distribution = Distribution.start("mirror", "Mirr0r-pass")) {
            long registry = created(rig.api("POST", "/api/v2.0/registries", Map.of("name", "chaos-dist", "type", "docker-registry",
                    "url", distribution.url(), "credential", Map.of("type", "basic", "access_key", "mirror", "access_secret", "Mirr0r-pass"))));
            long policy = created(rig.api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "chaos-redis",
                    "dest_registry", Map.of("id", registry), "filters", List.of(Map.of("type", "name", "value", "library/chaos-c-*")))));
            Client client = new Client(rig.url(), stats);
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 3; i++) {
                LEDGER.add(client.push("library/chaos-c-" + i, "first", random, 2, MIB, "c"));
            }
            long execution;
            try (Load load = Load.start(rig.url(), 4, 50, MIB, stats, LEDGER, "c")) {
                Thread.sleep(2000);
                execution = created(rig.api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", policy)));
                rig.redis.flushAll();
                rig.redis.restart(Duration.ofSeconds(3));
                Thread.sleep(3000);
                rig.redis.flushAll();
                Thread.sleep(3000);
            }
            JsonNode done = rig.awaitExecution(execution, Duration.ofSeconds(150));
            List<JsonNode> tasks = rig.all("/api/v2.0/replication/executions/" + execution + "/tasks");
            System.out.println("[chaos] replication execution across the Redis flush and restart: " + done);
            if (!done.path("status").asText().equals("Succeed")) {
                findings.add("the replication execution ended " + done + "; tasks not Succeed: "
                        + tasks.stream().filter(t -> !t.path("status").asText().equals("Succeed")).toList());
            }
            Set<String> copied = new HashSet<>();
            for (JsonNode task : tasks) {
                String destination = task.path("dst_resource").asText();
                copied.add(destination);
                Ack ack = LEDGER.find(destination);
                if (ack == null) {
                    findings.add("a task copied " + destination + ", which no acknowledged push made");
                    continue;
                }
                byte[] there = rig.atDistribution(distribution, ack.repository(), ack.tag());
                if (there == null || !sha256(there).equals(ack.digest())) {
                    findings.add("at the destination, " + destination + " is " + (there == null ? "missing" : sha256(there))
                            + ", not " + ack.digest() + " (task " + task + ")");
                }
            }
            for (int i = 0; i < 3; i++) {
                if (!copied.contains("library/chaos-c-" + i + ":first")) {
                    findings.add("the execution did not copy library/chaos-c-" + i + ":first, pushed before it started; it copied " + copied);
                }
            }
        }
        List<Ack> pushed = LEDGER.of("c");
        List<String> missing = rig.awaitAudited(pushed, Duration.ofSeconds(30));
        System.out.println(stats.summary());
        System.out.println("[chaos] " + pushed.size() + " pushes across the Redis flush and restart; missing from the audit log: " + missing);
        if (!missing.isEmpty()) {
            findings.add(missing.size() + " of " + pushed.size() + " acknowledged pushes missing from the audit log 30 s after the Redis "
                    + "flush and restart: " + missing);
        }
        findings.addAll(stats.problems());
        assertThat(verify(pushed, stats)).as("acknowledged pushes lost").isZero();
        assertThat(findings).as("Redis flushed and restarted").isEmpty();
    }

    @Test
    @Order(5)
    void pushEventsCoreHasNotReadYetSurviveARedisRestart() throws Exception {
        Stats stats = new Stats("redis restart, core not reading");
        Client client = new Client(rig.url(), stats);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 3; i++) {
            client.token("library/chaos-e-" + i, "pull,push"); // from core, while it answers
        }
        long core = rig.pid("core");
        List<Ack> pushed = new ArrayList<>();
        long streamed;
        // core frozen makes the window deterministic: events relayed to Redis that no consumer has read yet, as while
        // core restarts (27 s under load in the kill test) or after a failed handling, waiting in Redis for a retry
        Signals.signal("STOP", core);
        try {
            // registry-service verifies tokens itself: pushes work while core does not run
            for (int i = 0; i < 3; i++) {
                Ack ack = client.push("library/chaos-e-" + i, "v1", random, 1, 64 * KIB, "e");
                LEDGER.add(ack);
                pushed.add(ack);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rig.outboxSize() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(rig.outboxSize()).as("the events left the outbox for Redis").isZero();
            streamed = (Long) rig.redis.command("XLEN", "berth:events:registry");
            rig.redis.restart(Duration.ofSeconds(1));
        } finally {
            Signals.signal("CONT", core);
        }
        List<String> missing = rig.awaitAudited(pushed, Duration.ofSeconds(30));
        System.out.println("[chaos] " + streamed + " event(s) in the Redis stream when it restarted empty, unread by core; "
                + "pushes missing from the audit log 30 s later: " + missing);
        assertThat(missing).as("acknowledged pushes whose events were in Redis, unread, when it restarted empty").isEmpty();
    }

    /** kill -STOP / -CONT. */
    static final class Signals {
        private Signals() {}

        static void signal(String signal, long pid) throws Exception {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as("kill -" + signal + " " + pid + ": " + output).isZero();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // verification
    // ---------------------------------------------------------------------------------------------

    /**
     * Pulls every acknowledged push back, by digest and by tag, each blob hashed; returns how many are lost
     * (a 404, or bytes that are not what was pushed). A failure that is neither is retried.
     */
    static int verify(List<Ack> acks, Stats stats) throws Exception {
        return verify(rig.url(), acks, stats);
    }

    static int verify(String url, List<Ack> acks, Stats stats) throws Exception {
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Ack> share = new ArrayList<>();
            for (int i = w; i < acks.size(); i += workers) {
                share.add(acks.get(i));
            }
            results.add(pool.submit(() -> {
                Client client = new Client(url, stats);
                int lost = 0;
                for (Ack ack : share) {
                    lost += verify(client, ack, stats) ? 0 : 1;
                }
                return lost;
            }));
        }
        int lost = 0;
        for (Future<Integer> r : results) {
            lost += r.get();
        }
        pool.shutdown();
        return lost;
    }

    private static boolean verify(Client client, Ack ack, Stats stats) throws InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                boolean intact = client.pull(ack, false) & client.pull(ack, true);
                HttpResponse<byte[]> manifest = client.call("GET manifest", ack.repository(), "pull",
                        client.builder(URI.create(client.base + "/v2/" + ack.repository() + "/manifests/" + ack.digest()))
                                .header("Accept", MediaTypes.OCI_MANIFEST).GET());
                if (manifest.statusCode() == 200 && !java.util.Arrays.equals(manifest.body(), ack.manifest())) {
                    stats.lost.add("the manifest " + ack + " reads back other bytes than were pushed");
                    intact = false;
                }
                return intact;
            } catch (Refused e) {
                if (e.status == 404) {
                    return false;
                }
                last = e;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(1000);
        }
        stats.lost.add("could not pull back " + ack + ": " + last);
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // the system under test
    // ---------------------------------------------------------------------------------------------

    /** Berth by ./berth up with its own PostgreSQL (embedded), its own Redis and, optionally, the storage on a tmpfs. */
    static final class Rig implements AutoCloseable {
        static final long LARGE_STORAGE = 4L << 30;
        final BerthSystem berth;
        final RedisServer redis;
        final Path storage;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String mountError;
        boolean mounted;

        private Rig(BerthSystem berth, RedisServer redis) {
            this.berth = berth;
            this.redis = redis;
            this.storage = berth.dataDir.resolve("storage");
        }

        static Rig start(boolean tmpfs) throws Exception {
            int redisPort = BerthSystem.freePort();
            BerthSystem berth = new BerthSystem(Map.of("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "BERTH_DATABASE_EMBEDDED", "always",
                    "BERTH_REDIS_URL", "redis://127.0.0.1:" + redisPort,
                    // a dispatch message lost with Redis is sent again after this (60 s by default)
                    "BERTH_JOBSERVICE_VISIBILITY_TIMEOUT", "15s"));
            RedisServer redis = new RedisServer(redisPort, berth.dataDir.resolve("redis-private"));
            Rig rig = new Rig(berth, redis);
            try {
                // as root the embedded PostgreSQL runs as nobody, who must be able to enter the data directory
                Files.setPosixFilePermissions(berth.dataDir, PosixFilePermissions.fromString("rwx--x--x"));
                Files.createDirectories(rig.storage);
                berth.env.put("BERTH_STORAGE_FILESYSTEM_ROOT", rig.storage.toString());
                if (tmpfs) {
                    Result mount = run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", rig.storage.toString());
                    rig.mounted = mount.exit() == 0;
                    if (!rig.mounted) {
                        rig.mountError = "mount -t tmpfs -o size=48m tmpfs " + rig.storage + " failed (exit " + mount.exit() + "): "
                                + mount.output().strip();
                    }
                }
                redis.launch();
                BerthSystem.Result up = berth.berth("up");
                assertThat(up.exit()).as(up.output()).isZero();
                assertThat(up.output()).contains("PostgreSQL: embedded at");
                if (rig.mounted) {
                    rig.resizeStorage(LARGE_STORAGE);
                }
                return rig;
            } catch (Exception | Error e) {
                rig.close();
                throw e;
            }
        }

        /** Berth of {@code berth} by ./berth up, with {@code redis} (already answering) as its Redis, on the machine's PostgreSQL. */
        static Rig start(BerthSystem berth, RedisServer redis) throws Exception {
            Rig rig = new Rig(berth, redis);
            try {
                BerthSystem.Result up = berth.berth("up");
                assertThat(up.exit()).as(up.output()).isZero();
                return rig;
            } catch (Exception | Error e) {
                rig.close();
                throw e;
            }
        }

        String url() {
            return berth.url();
        }

        long pid(String service) {
            try {
                return Long.parseLong(Files.readString(berth.dataDir.resolve("run/" + service + ".pid")).strip());
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }

        boolean ready(String service) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(berth.management(service.toUpperCase(Locale.ROOT)) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Restarts of a service the supervisor has recorded. */
        long restarts(String service) {
            return Long.parseLong(Supervisor.readState(berth.dataDir.resolve("run")).getProperty(service + ".restarts", "0"));
        }

        /** kill -9 of the service's process; how long until another process of it is ready, or null if none is within {@code max}. */
        Duration killAndAwait(String service, Duration max) throws InterruptedException {
            long old = pid(service);
            ProcessHandle process = ProcessHandle.of(old).orElseThrow(() -> new AssertionError(service + " is not running"));
            long killed = System.nanoTime();
            process.destroyForcibly();
            System.out.println("[chaos] kill -9 " + service + " (pid " + old + ")");
            while (System.nanoTime() - killed < max.toNanos()) {
                long now = pid(service);
                if (now != 0 && now != old && ProcessHandle.of(now).map(ProcessHandle::isAlive).orElse(false) && ready(service)) {
                    return Duration.ofNanos(System.nanoTime() - killed);
                }
                Thread.sleep(100);
            }
            return null;
        }

        /**
         * How long until the whole path serves again: a token for a new scope (core, its database), a push of a
         * small image (registry, its database, storage) and its pull by tag, all through the gateway.
         */
        Duration probeUntilServing(Stats stats, Duration max) throws InterruptedException {
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(start);
            Client probe = new Client(url(), stats);
            Map<String, Integer> failures = new TreeMap<>();
            for (int n = 0; System.nanoTime() - start < max.toNanos(); n++) {
                probe.tokens.clear(); // a token for a new scope every time: core and its database are on the path
                try {
                    Ack ack = probe.push("library/chaos-probe-" + (n % 5), "p" + start + "-" + n, random, 1, 64 * KIB, "probe");
                    LEDGER.add(ack);
                    probe.pull(ack, true);
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    if (!failures.isEmpty()) {
                        System.out.println("[chaos] serving again after " + millis(took) + " ms; the probe failed before with " + failures);
                    }
                    return took;
                } catch (IOException e) {
                    failures.merge(e instanceof Refused r ? r.label + " " + r.status : String.valueOf(e.getMessage()).replaceAll(":.*", ""),
                            1, Integer::sum);
                    Thread.sleep(100);
                }
            }
            System.out.println("[chaos] not serving " + max.toSeconds() + " s on; the probe failed with " + failures);
            return null;
        }

        long storageUsed() throws IOException {
            FileStore store = Files.getFileStore(storage);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        }

        long storageTotal() throws IOException {
            return Files.getFileStore(storage).getTotalSpace();
        }

        /** A tmpfs can be resized in place: the storage's free space is what a test needs. */
        void resizeStorage(long bytes) throws Exception {
            if (!mounted) {
                return;
            }
            Result r = run("mount", "-o", "remount,size=" + Math.max(1, bytes / KIB) + "k", storage.toString());
            assertThat(r.exit()).as("resizing the storage's tmpfs: " + r.output()).isZero();
        }

        HttpResponse<String> api(String method, String path, Object body) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
                    .timeout(HANG)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Every item of a paginated API list. */
        List<JsonNode> all(String path) throws Exception {
            List<JsonNode> items = new ArrayList<>();
            for (int page = 1;; page++) {
                HttpResponse<String> r = api("GET", path + (path.contains("?") ? "&" : "?") + "page_size=100&page=" + page, null);
                assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
                JsonNode list = JSON.readTree(r.body());
                list.forEach(items::add);
                if (list.size() != 100) { // more than a page: the list is not paginated
                    return items;
                }
            }
        }

        JsonNode awaitExecution(long id, Duration max) throws Exception {
            long start = System.nanoTime();
            JsonNode execution = null;
            while (System.nanoTime() - start < max.toNanos()) {
                HttpResponse<String> r = api("GET", "/api/v2.0/replication/executions/" + id, null);
                if (r.statusCode() == 200) {
                    execution = JSON.readTree(r.body());
                    if (!execution.path("status").asText().equals("InProgress")) {
                        return execution;
                    }
                }
                Thread.sleep(500);
            }
            return execution;
        }

        byte[] atDistribution(Distribution distribution, String repository, String tag) throws Exception {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(distribution.url() + "/v2/" + repository + "/manifests/" + tag))
                    .header("Authorization", basic("mirror", "Mirr0r-pass")).header("Accept", MediaTypes.OCI_MANIFEST).timeout(HANG).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? r.body() : null;
        }

        /** The pushes of {@code acks} the audit log does not show ({@code admin create repo:tag}) after waiting up to {@code max}. */
        List<String> awaitAudited(List<Ack> acks, Duration max) throws Exception {
            long start = System.nanoTime();
            List<String> missing;
            do {
                Set<String> audited = auditedPushes();
                missing = acks.stream().map(a -> a.repository() + ":" + a.tag()).filter(r -> !audited.contains(r)).toList();
                if (missing.isEmpty()) {
                    return missing;
                }
                Thread.sleep(1000);
            } while (System.nanoTime() - start < max.toNanos());
            return missing;
        }

        /** Every {@code create} of an artifact by admin in the audit log, as repository:tag. */
        Set<String> auditedPushes() throws Exception {
            Set<String> resources = new HashSet<>();
            for (int page = 1;; page++) {
                HttpResponse<String> r = api("GET", "/api/v2.0/audit-logs?q=operation%3Dcreate&page_size=100&page=" + page, null);
                if (r.statusCode() != 200) {
                    throw new IOException("GET /api/v2.0/audit-logs answered " + r.statusCode() + ": " + r.body());
                }
                JsonNode entries = JSON.readTree(r.body());
                for (JsonNode e : entries) {
                    if (e.path("username").asText().equals("admin") && e.path("resource_type").asText().equals("artifact")) {
                        resources.add(e.path("resource").asText());
                    }
                }
                if (entries.size() < 100) {
                    return resources;
                }
            }
        }

        /** The services' logs outlive the data directory, in target/chaos-logs/<time>: the evidence of what a test found. */
        private void keepLogs() {
            try {
                Path target = Path.of("target/chaos-logs", java.time.LocalDateTime.now().toString().replace(':', '-')).toAbsolutePath();
                Files.createDirectories(target.getParent());
                run("cp", "-r", berth.dataDir.resolve("logs").toString(), target.toString());
                System.out.println("[chaos] the services' logs are kept in " + target);
            } catch (Exception e) {
                System.out.println("[chaos] could not keep the logs: " + e);
            }
        }

        /** Events not yet relayed to Redis (relayed ones stay in the outbox a while, for a replay). */
        long outboxSize() throws Exception {
            int port = new EmbeddedPostgres(berth.dataDir).port().orElseThrow();
            try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + berth.database,
                    BerthSystem.PG_USER, BerthSystem.PG_PASSWORD); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM registry.outbox WHERE relayed_at IS NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                berth.berth("down");
            } finally {
                keepLogs();
                redis.stop();
                if (mounted) {
                    Result umount = run("umount", storage.toString());
                    if (umount.exit() != 0) {
                        run("umount", "-l", storage.toString());
                    }
                }
                berth.close();
            }
        }
    }

    record Result(int exit, String output) {}

    static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", command) + " did not end in 60 s: " + output);
        }
        return new Result(p.exitValue(), output);
    }

    /** A redis-server of the test's own, without persistence: a restart really empties it. */
    static class RedisServer {
        final int port;
        final Path dir;
        private Process process;

        private final List<String> options;

        RedisServer(int port, Path dir, String... options) {
            this.port = port;
            this.dir = dir;
            this.options = List.of(options);
        }

        void launch() throws Exception {
            Files.createDirectories(dir);
            process = new ProcessBuilder(commandLine()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try {
                    if ("PONG".equals(command("PING"))) {
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            throw new AssertionError("redis-server did not answer on " + port + ": " + Files.readString(dir.resolve("redis.log")));
        }

        void flushAll() throws IOException {
            assertThat(command("FLUSHALL")).isEqualTo("OK");
            System.out.println("[chaos] Redis FLUSHALL");
        }

        /** SHUTDOWN NOSAVE, {@code down} without Redis, then a new, empty server on the same port. */
        void restart(Duration down) throws Exception {
            try {
                command("SHUTDOWN", "NOSAVE");
            } catch (IOException expected) {
                // the server closes the connection as it exits
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            System.out.println("[chaos] Redis stopped");
            Thread.sleep(down.toMillis());
            launch();
            System.out.println("[chaos] Redis started again, empty");
        }

        List<String> commandLine() {
            List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()));
            command.addAll(options);
            return command;
        }

        /** kill -9: the server dies without a word to its clients or replicas. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }

        /** One command in RESP; its reply as a String, Long, List or null. */
        Object command(String... args) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(10_000);
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                for (String a : args) {
                    byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                    request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                    request.writeBytes(bytes);
                    request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
                return reply(new java.io.BufferedInputStream(socket.getInputStream()));
            }
        }

        private static Object reply(InputStream in) throws IOException {
            String line = line(in);
            switch (line.charAt(0)) {
                case '+':
                    return line.substring(1);
                case '-':
                    throw new IOException("Redis: " + line.substring(1));
                case ':':
                    return Long.parseLong(line.substring(1));
                case '$': {
                    int n = Integer.parseInt(line.substring(1));
                    if (n < 0) {
                        return null;
                    }
                    byte[] bytes = in.readNBytes(n + 2);
                    return new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
                case '*': {
                    int n = Integer.parseInt(line.substring(1));
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        items.add(reply(in));
                    }
                    return items;
                }
                default:
                    throw new IOException("Redis: unexpected reply " + line);
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b; (b = in.read()) != -1;) {
                if (b == '\r') {
                    in.read();
                    return s.toString();
                }
                s.append((char) b);
            }
            throw new IOException("Redis closed the connection");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // clients, what they did and what they must find again
    // ---------------------------------------------------------------------------------------------

    record BlobRef(String digest, int size, long seed) {}

    /** A push acknowledged with 201 for its manifest: what must be there, byte for byte, ever after. */
    record Ack(String repository, String tag, String digest, byte[] manifest, List<BlobRef> blobs, String scenario) {
        @Override
        public String toString() {
            return repository + ":" + tag + "@" + digest;
        }
    }

    static final class Ledger {
        private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());

        void add(Ack ack) {
            acks.add(ack);
        }

        Ack random(SplittableRandom random) {
            synchronized (acks) {
                return acks.isEmpty() ? null : acks.get(random.nextInt(acks.size()));
            }
        }

        List<Ack> all() {
            synchronized (acks) {
                return List.copyOf(acks);
            }
        }

        List<Ack> of(String scenario) {
            return all().stream().filter(a -> a.scenario().equals(scenario)).toList();
        }

        Ack find(String repositoryAndTag) {
            return all().stream().filter(a -> (a.repository() + ":" + a.tag()).equals(repositoryAndTag)).findFirst().orElse(null);
        }
    }

    /** One HTTP exchange as a client saw it. {@code status} 0: no answer ({@code error} says what). */
    record Exchange(String label, long start, long end, int status, boolean retryAfter, String error) {
        long nanos() {
            return end - start;
        }

        boolean failed() {
            return status == 0 || status >= 500;
        }

        String outcome() {
            return status == 0 ? error : Integer.toString(status);
        }

        @Override
        public String toString() {
            return label + " → " + outcome() + (retryAfter ? " (Retry-After)" : "") + " in " + nanos() / 1_000_000 + " ms";
        }
    }

    /** What the clients of one scenario did; the broken promises they saw. */
    static final class Stats {
        final String name;
        final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
        final LongAdder pushes = new LongAdder();
        final LongAdder pushFailures = new LongAdder();
        final LongAdder pulls = new LongAdder();
        final LongAdder pullFailures = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> failures = new ConcurrentHashMap<>();
        /** A pull that returned bytes whose sha256 is not the digest asked for (or a tag that serves another manifest). */
        final ConcurrentLinkedQueue<String> wrongBytes = new ConcurrentLinkedQueue<>();
        /** An acknowledged push not found again. */
        final ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        /** A 500, a hang, an answer that contradicts the API. */
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

        Stats(String name) {
            this.name = name;
        }

        void exchange(String label, long start, int status, boolean retryAfter, String error) {
            exchanges.add(new Exchange(label, start, System.nanoTime(), status, retryAfter, error));
        }

        void failed(String operation, IOException e) {
            String reason = e instanceof Refused r ? r.label + " " + r.status : e.getCause() != null
                    ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName();
            failures.computeIfAbsent(operation + ": " + reason, k -> new LongAdder()).increment();
        }

        List<String> problems() {
            List<String> all = new ArrayList<>();
            wrongBytes.forEach(w -> all.add("wrong bytes: " + w));
            lost.forEach(l -> all.add("lost: " + l));
            violations.forEach(v -> all.add(v));
            return all;
        }

        String summary() {
            Map<String, Long> reasons = new TreeMap<>();
            failures.forEach((k, v) -> reasons.put(k, v.sum()));
            return "[chaos] " + name + ": " + exchanges.size() + " requests; " + pushes.sum() + " pushes acknowledged, " + pushFailures.sum()
                    + " failed; " + pulls.sum() + " pulls verified, " + pullFailures.sum() + " failed; failures " + reasons
                    + "; wrong bytes " + wrongBytes.size() + ", lost " + lost.size() + ", other violations " + violations.size();
        }
    }

    /** An answer the client did not expect. */
    static final class Refused extends IOException {
        final String label;
        final int status;

        Refused(String label, HttpResponse<byte[]> response) {
            super(label + " answered " + describe(response));
            this.label = label;
            this.status = response.statusCode();
        }
    }

    enum Mode { MONOLITHIC, POST_PUT, CHUNKED }

    /** A registry client as docker's: a token per repository from the realm a 401 names, with the admin's password. */
    static final class Client {
        final String base;
        final Stats stats;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        final Map<String, String> tokens = new HashMap<>();

        Client(String base, Stats stats) {
            this.base = base;
            this.stats = stats;
        }

        HttpRequest.Builder builder(URI uri) {
            return HttpRequest.newBuilder(uri).timeout(HANG);
        }

        HttpRequest authorized(HttpRequest.Builder builder, String token) {
            HttpRequest.Builder copy = builder.copy();
            if (token != null) {
                copy.setHeader("Authorization", "Bearer " + token);
            }
            return copy.build();
        }

        /** One request with the repository's token; on a 401 a token for the challenge (with {@code actions}), and once more. */
        HttpResponse<byte[]> call(String label, String repository, String actions, HttpRequest.Builder builder) throws IOException {
            String labelled = label.startsWith("/v2") ? label : "/v2 " + label;
            HttpResponse<byte[]> r = once(labelled, authorized(builder, tokens.get(repository)));
            if (r.statusCode() != 401) {
                return r;
            }
            String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow(() -> new Refused(labelled, r));
            tokens.put(repository, token(challenge, repository, actions));
            return once(labelled, authorized(builder, tokens.get(repository)));
        }

        /** The Docker token flow from scratch: the challenge of {@code GET /v2/}, then the realm. */
        void token(String repository, String actions) throws IOException {
            HttpResponse<byte[]> r = once("/v2 GET /v2/", builder(URI.create(base + "/v2/")).GET().build());
            String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow(() -> new Refused("/v2 GET /v2/", r));
            tokens.put(repository, token(challenge, repository, actions));
        }

        private String token(String challenge, String repository, String actions) throws IOException {
            Map<String, String> params = new HashMap<>();
            Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(challenge);
            while (m.find()) {
                params.put(m.group(1), m.group(2));
            }
            String scope = "repository:" + repository + ":" + actions;
            URI uri = URI.create(params.get("realm") + "?service=" + URLEncoder.encode(params.getOrDefault("service", ""), StandardCharsets.UTF_8)
                    + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
            HttpResponse<byte[]> r = once("token", builder(uri).header("Authorization", basic("admin", ADMIN_PASSWORD)).GET().build());
            if (r.statusCode() != 200) {
                throw new Refused("token", r);
            }
            return JSON.readTree(r.body()).path("token").asText();
        }

        HttpResponse<byte[]> once(String label, HttpRequest request) throws IOException {
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            try {
                HttpResponse<byte[]> r = future.get(HANG.toSeconds(), TimeUnit.SECONDS);
                stats.exchange(label, start, r.statusCode(), r.headers().firstValue("Retry-After").isPresent(), null);
                if (r.statusCode() == 500) {
                    stats.violations.add("500 on " + request.method() + " " + request.uri().getPath() + ": " + describe(r));
                }
                return r;
            } catch (TimeoutException e) {
                future.cancel(true);
                stats.exchange(label, start, 0, false, "no answer in " + HANG.toSeconds() + " s");
                stats.violations.add("hang: no answer in " + HANG.toSeconds() + " s to " + request.method() + " " + request.uri());
                throw new IOException(label + ": no answer in " + HANG.toSeconds() + " s", e);
            } catch (ExecutionException e) {
                stats.exchange(label, start, 0, false, e.getCause().getClass().getSimpleName());
                throw new IOException(label + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(label);
            }
        }

        URI location(HttpResponse<byte[]> r) throws IOException {
            String location = r.headers().firstValue("Location").orElseThrow(() -> new IOException("no Location in " + describe(r)));
            return URI.create(base).resolve(location);
        }

        URI startUpload(String repository) throws IOException {
            HttpResponse<byte[]> r = call("POST upload", repository, "pull,push",
                    builder(URI.create(base + "/v2/" + repository + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
            expect(r, 202);
            return location(r);
        }

        /** Pushes an image of {@code layers} random blobs of 64 KiB to {@code maxSize}, each uploaded in a random way, then its manifest. */
        Ack push(String repository, String tag, SplittableRandom random, int layers, int maxSize, String scenario) throws IOException {
            List<BlobRef> blobs = new ArrayList<>();
            List<String> descriptors = new ArrayList<>();
            List<String> diffIds = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                long seed = random.nextLong();
                int size = (int) Math.min(maxSize, 64 * KIB * Math.pow(64, random.nextDouble()));
                byte[] content = content(seed, size);
                String digest = sha256(content);
                upload(repository, content, digest, Mode.values()[random.nextInt(Mode.values().length)]);
                blobs.add(new BlobRef(digest, size, seed));
                descriptors.add(descriptor(MediaTypes.OCI_LAYER, digest, size));
                diffIds.add("\"" + digest + "\"");
            }
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"chaos\":\"" + repository + ":" + tag
                    + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
            String configDigest = sha256(config);
            upload(repository, config, configDigest, Mode.MONOLITHIC);
            blobs.add(new BlobRef(configDigest, config.length, -1));
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                    + descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length) + ",\"layers\":[" + String.join(",", descriptors) + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            String digest = sha256(manifest);
            HttpResponse<byte[]> r = call("PUT manifest", repository, "pull,push",
                    builder(URI.create(base + "/v2/" + repository + "/manifests/" + tag)).header("Content-Type", MediaTypes.OCI_MANIFEST)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
            expect(r, 201);
            if (!digest.equals(r.headers().firstValue("Docker-Content-Digest").orElse(""))) {
                stats.violations.add("PUT manifest " + repository + ":" + tag + " acknowledged as "
                        + r.headers().firstValue("Docker-Content-Digest").orElse("(no digest)") + ", its digest is " + digest);
            }
            return new Ack(repository, tag, digest, manifest, List.copyOf(blobs), scenario);
        }

        void upload(String repository, byte[] content, String digest, Mode mode) throws IOException {
            String blobs = base + "/v2/" + repository + "/blobs/";
            HttpResponse<byte[]> head = call("HEAD blob", repository, "pull,push",
                    builder(URI.create(blobs + digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            if (head.statusCode() == 200) {
                return; // there already (docker does the same)
            }
            expect(head, 404);
            HttpResponse<byte[]> done;
            switch (mode) {
                case MONOLITHIC -> done = call("POST ?digest=", repository, "pull,push", builder(URI.create(blobs + "uploads/?digest=" + digest))
                        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
                case POST_PUT -> done = call("PUT blob", repository, "pull,push", builder(withDigest(startUpload(repository), digest))
                        .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
                default -> {
                    URI location = startUpload(repository);
                    for (int from = 0; from < content.length; from += MIB) {
                        int length = Math.min(MIB, content.length - from);
                        HttpResponse<byte[]> r = call("PATCH", repository, "pull,push", builder(location)
                                .header("Content-Type", "application/octet-stream").header("Content-Range", from + "-" + (from + length - 1))
                                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, from, length)));
                        expect(r, 202);
                        String range = r.headers().firstValue("Range").orElse("");
                        if (!range.equals("0-" + (from + length - 1))) {
                            stats.violations.add("PATCH of bytes " + from + "-" + (from + length - 1) + " acknowledged with Range " + range);
                        }
                        location = location(r);
                    }
                    done = call("PUT blob", repository, "pull,push", builder(withDigest(location, digest)).PUT(HttpRequest.BodyPublishers.noBody()));
                }
            }
            expect(done, 201);
            if (!digest.equals(done.headers().firstValue("Docker-Content-Digest").orElse(digest))) {
                stats.violations.add("blob " + digest + " acknowledged as " + done.headers().firstValue("Docker-Content-Digest").get());
            }
        }

        /** Pulls the manifest (by tag or digest) and every blob, each hashed against the digest asked for; whether all were right. */
        boolean pull(Ack ack, boolean byTag) throws IOException {
            boolean intact = true;
            String reference = byTag ? ack.tag() : ack.digest();
            HttpResponse<byte[]> m = call("GET manifest", ack.repository(), "pull",
                    builder(URI.create(base + "/v2/" + ack.repository() + "/manifests/" + reference)).header("Accept", MediaTypes.OCI_MANIFEST).GET());
            if (m.statusCode() == 404) {
                stats.lost.add("GET manifest " + ack.repository() + ":" + reference + " of an acknowledged push answered " + describe(m));
            }
            expect(m, 200);
            String got = sha256(m.body());
            if (!got.equals(ack.digest())) {
                intact = false;
                stats.wrongBytes.add("GET manifest " + ack.repository() + "/" + reference + ": pushed as " + ack.digest() + ", served "
                        + m.body().length + " bytes of digest " + got + " (X-Request-Id " + requestId(m) + ")");
            }
            for (BlobRef blob : ack.blobs()) {
                HttpResponse<byte[]> b = call("GET blob", ack.repository(), "pull",
                        builder(URI.create(base + "/v2/" + ack.repository() + "/blobs/" + blob.digest())).GET());
                if (b.statusCode() == 404) {
                    stats.lost.add("GET blob " + ack.repository() + "@" + blob.digest() + " of an acknowledged push answered " + describe(b));
                }
                expect(b, 200);
                String actual = sha256(b.body());
                if (!actual.equals(blob.digest()) || b.body().length != blob.size()) {
                    intact = false;
                    stats.wrongBytes.add("GET blob " + ack.repository() + "@" + blob.digest() + " served " + b.body().length + " bytes of digest "
                            + actual + " (pushed: " + blob.size() + " bytes; X-Request-Id " + requestId(b) + ")");
                }
            }
            return intact;
        }
    }

    /** Client threads that push and pull at random until closed; pushes acknowledged go to the ledger. */
    static final class Load implements AutoCloseable {
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        static Load start(String url, int clients, int pushPercent, Stats stats, Ledger ledger, String scenario) {
            return start(url, clients, pushPercent, 4 * MIB, stats, ledger, scenario);
        }

        static Load start(String url, int clients, int pushPercent, int maxSize, Stats stats, Ledger ledger, String scenario) {
            Load load = new Load();
            long base = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                int id = i;
                Thread t = new Thread(() -> load.run(new Client(url, stats), new SplittableRandom(base + id), id, pushPercent, maxSize, stats,
                        ledger, scenario), "chaos-client-" + i);
                t.setDaemon(true);
                load.threads.add(t);
                t.start();
            }
            return load;
        }

        private void run(Client client, SplittableRandom random, int id, int pushPercent, int maxSize, Stats stats, Ledger ledger,
                String scenario) {
            for (int n = 0; running; n++) {
                Ack pick = ledger.random(random);
                boolean push = pick == null || random.nextInt(100) < pushPercent;
                try {
                    if (push) {
                        ledger.add(client.push("library/chaos-" + scenario + "-" + (id % 4), scenario + id + "-" + n, random, 1 + random.nextInt(3),
                                maxSize, scenario));
                        stats.pushes.increment();
                    } else {
                        client.pull(pick, random.nextBoolean());
                        stats.pulls.increment();
                    }
                } catch (IOException e) {
                    (push ? stats.pushFailures : stats.pullFailures).increment();
                    stats.failed(push ? "push" : "pull", e);
                    pause(200 + random.nextInt(300));
                } catch (RuntimeException e) {
                    stats.violations.add("client " + id + ": " + e);
                    pause(500);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(2 * HANG.toSeconds()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // small things
    // ---------------------------------------------------------------------------------------------

    static byte[] content(long seed, int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    static URI withDigest(URI location, String digest) {
        String s = location.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + digest);
    }

    static void expect(HttpResponse<byte[]> response, int status) throws Refused {
        if (response.statusCode() != status) {
            throw new Refused(response.request().method() + " " + endpoint(response.request().uri().getPath()), response);
        }
    }

    /** A path without its repository and reference: {@code /v2/…/manifests/…}. */
    static String endpoint(String path) {
        return path.replaceFirst("^/v2/.+/(manifests|blobs/uploads|blobs|tags)(/.*)?$", "/v2/…/$1/…");
    }

    static String describe(HttpResponse<byte[]> r) {
        String body = r.body() == null ? "" : new String(r.body(), 0, Math.min(r.body().length, 300), StandardCharsets.UTF_8);
        return r.statusCode() + (r.headers().firstValue("Retry-After").map(v -> " (Retry-After " + v + ")").orElse("")) + " " + body.strip()
                + " [X-Request-Id " + requestId(r) + "]";
    }

    static String requestId(HttpResponse<?> r) {
        return r.headers().firstValue("X-Request-Id").orElse("-");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static long created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static long millis(Duration d) {
        return d == null ? -1 : d.toMillis();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // bench/chaos-bench.sh: the long version
    // ---------------------------------------------------------------------------------------------

    /**
     * Runs the clients for {@code DURATION} (default 10m) with {@code CLIENTS} threads (default 30; {@code PUSH_PERCENT}
     * of their operations are pushes, default 20, the rest pulls), injecting a fault every {@code FAULT_INTERVAL}
     * (default 20s), each kind once per round in a random order: kill -9 of a random service, PostgreSQL stopped
     * for 5 s, Redis flushed and restarted empty. Recovery is the time from the fault's end (the kill, PostgreSQL or
     * Redis answering again) until a new token, a push and a pull by tag work through the gateway (for a kill, plus
     * the service's readiness). Then pulls back every acknowledged push and prints a table. Exits 1 if an
     * acknowledged write was lost or wrong bytes were served.
     */
    public static void main(String[] args) throws Exception {
        Duration duration = parseDuration(System.getenv().getOrDefault("DURATION", "10m"));
        int clients = Integer.parseInt(System.getenv().getOrDefault("CLIENTS", "30"));
        int pushPercent = Integer.parseInt(System.getenv().getOrDefault("PUSH_PERCENT", "20"));
        Duration interval = parseDuration(System.getenv().getOrDefault("FAULT_INTERVAL", "20s"));
        SplittableRandom random = new SplittableRandom(Long.parseLong(System.getenv().getOrDefault("SEED", Long.toString(System.nanoTime()))));
        Stats stats = new Stats("bench");
        Map<String, List<Duration>> recoveries = new TreeMap<>();
        Map<String, Integer> unrecovered = new TreeMap<>();
        System.out.println("chaos bench: " + duration.toSeconds() + " s, " + clients + " clients, a fault every " + interval.toSeconds() + " s");
        rig = Rig.start(false);
        int lost;
        List<String> unaudited;
        long start = System.nanoTime();
        try {
            EmbeddedPostgres postgres = new EmbeddedPostgres(rig.berth.dataDir);
            try (Load load = Load.start(rig.url(), clients, pushPercent, stats, LEDGER, "bench")) {
                Thread.sleep(5000);
                List<Integer> kinds = new ArrayList<>();
                while (System.nanoTime() - start + interval.toNanos() < duration.toNanos()) {
                    if (kinds.isEmpty()) { // each kind of fault once per round, in a random order
                        kinds.addAll(List.of(0, 1, 2));
                        Collections.shuffle(kinds, new java.util.Random(random.nextLong()));
                    }
                    String kind;
                    Duration recovery;
                    switch (kinds.remove(0)) {
                        case 0 -> {
                            String service = SERVICES.get(random.nextInt(SERVICES.size()));
                            kind = "kill -9 " + service;
                            Duration ready = rig.killAndAwait(service, Duration.ofSeconds(180));
                            Duration serving = ready == null ? null : rig.probeUntilServing(stats, Duration.ofSeconds(60));
                            recovery = ready == null || serving == null ? null : ready.plus(serving);
                        }
                        case 1 -> {
                            kind = "postgres stop 5 s";
                            int port = postgres.port().orElseThrow();
                            postgres.stop();
                            System.out.println("[chaos] PostgreSQL stopped");
                            Thread.sleep(5000);
                            if (postgres.start(BerthSystem.PG_USER, BerthSystem.PG_PASSWORD) != port) {
                                throw new AssertionError("PostgreSQL came back on another port");
                            }
                            recovery = rig.probeUntilServing(stats, Duration.ofSeconds(60));
                        }
                        default -> {
                            kind = "redis flush+restart";
                            rig.redis.flushAll();
                            rig.redis.restart(Duration.ofSeconds(3));
                            recovery = rig.probeUntilServing(stats, Duration.ofSeconds(60));
                        }
                    }
                    System.out.println("[chaos] " + kind + ": serving again after " + (recovery == null ? "(not within the limit)"
                            : millis(recovery) + " ms"));
                    if (recovery == null) {
                        unrecovered.merge(kind, 1, Integer::sum);
                    } else {
                        recoveries.computeIfAbsent(kind, k -> new ArrayList<>()).add(recovery);
                    }
                    Thread.sleep(interval.toMillis());
                }
            }
            System.out.println("[chaos] load stopped after " + (System.nanoTime() - start) / 1_000_000_000 + " s; pulling back "
                    + LEDGER.all().size() + " acknowledged pushes");
            lost = verify(LEDGER.all(), stats);
            unaudited = rig.awaitAudited(LEDGER.all(), Duration.ofSeconds(90));
        } finally {
            rig.close();
        }
        long requests = stats.exchanges.size();
        long failed = stats.exchanges.stream().filter(Exchange::failed).count();
        System.out.println();
        System.out.printf("%-26s %8s %12s %12s%n", "fault", "injected", "median ms", "max ms");
        Set<String> kinds = new java.util.TreeSet<>(recoveries.keySet());
        kinds.addAll(unrecovered.keySet());
        for (String kind : kinds) {
            List<Duration> times = new ArrayList<>(recoveries.getOrDefault(kind, List.of()));
            Collections.sort(times);
            int missed = unrecovered.getOrDefault(kind, 0);
            System.out.printf("%-26s %8d %12s %12s%s%n", kind, times.size() + missed, times.isEmpty() ? "-" : median(times),
                    times.isEmpty() ? "-" : times.get(times.size() - 1).toMillis(), missed == 0 ? "" : "  (" + missed + " not serving 60 s on)");
        }
        System.out.println();
        System.out.printf("%-40s %10d%n", "requests made", requests);
        System.out.printf("%-40s %10d%n", "  of which failed (no answer or 5xx)", failed);
        System.out.printf("%-40s %10d%n", "pushes acknowledged", LEDGER.all().size());
        System.out.printf("%-40s %10d%n", "pulls verified under load", stats.pulls.sum());
        System.out.printf("%-40s %10d%n", "acknowledged writes lost (must be 0)", lost);
        System.out.printf("%-40s %10d%n", "wrong bytes served (must be 0)", stats.wrongBytes.size());
        System.out.printf("%-40s %10d%n", "500s and hangs", stats.violations.size());
        System.out.printf("%-40s %10d%n", "pushes missing from the audit log", unaudited.size());
        stats.problems().stream().limit(20).forEach(p -> System.out.println("  " + p));
        if (!unaudited.isEmpty()) {
            System.out.println("  missing from the audit log: " + unaudited.stream().limit(20).toList());
        }
        System.exit(lost == 0 && stats.wrongBytes.isEmpty() ? 0 : 1);
    }

    /** The median of sorted durations, in ms. */
    static long median(List<Duration> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2).toMillis() : (sorted.get(n / 2 - 1).toMillis() + sorted.get(n / 2).toMillis()) / 2;
    }

    static Duration parseDuration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
