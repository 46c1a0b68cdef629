package io.berth.registry.scrub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.digest.Digest;
import io.berth.common.scrub.ScrubCheck;
import io.berth.common.scrub.ScrubChecked;
import io.berth.common.scrub.ScrubFinding;
import io.berth.common.token.Audiences;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The scrub through its internal API on one storage driver (a subclass supplies the driver and how a byte of a stored
 * blob is flipped behind the registry's back). Other test classes share the database, so each check covers exactly one
 * of this test's blobs: a page of one blob after the digest just below it.
 */
abstract class ScrubContract {
    private static final AtomicLong RUNS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageDriver storage;
    @Inject
    ObjectMapper json;

    private final String project = "scrub" + Long.toHexString(System.nanoTime());
    private final RegistryClient app = new RegistryClient(project + "/app", Tokens.pushPull(project + "/app", project + "/other", project + "/third"));
    private final RegistryClient other = new RegistryClient(project + "/other", Tokens.pushPull(project + "/app", project + "/other", project + "/third"));
    private final RegistryClient third = new RegistryClient(project + "/third", Tokens.pushPull(project + "/app", project + "/other", project + "/third"));

    /** Changes one byte of the stored blob at {@code path}, as storage rot would. */
    abstract void flipAByte(String path) throws Exception;

    @Test
    void aFlippedByteIsQuarantinedExactlyItsPullsAnswerTheErrorAndTheEventNamesIt() throws Exception {
        String good1 = app.pushBlob(bytes(70_000, 1));
        byte[] content = bytes(90_000, 2);
        String rotten = app.pushBlob(content);
        other.pushBlob(content);
        String good2 = app.pushBlob(bytes(50_000, 3));
        flipAByte(BlobPaths.blob(Digest.parse(rotten)));

        assertThat(checkOnly(good1).quarantined()).isEmpty();
        assertThat(checkOnly(good2).quarantined()).isEmpty();
        ScrubChecked found = checkOnly(rotten);
        assertThat(found.checked()).isEqualTo(1);
        assertThat(found.bytes()).isEqualTo(90_000);
        assertThat(found.quarantined()).singleElement().satisfies(f -> {
            assertThat(f.digest()).isEqualTo(rotten);
            assertThat(f.size()).isEqualTo(90_000);
            assertThat(f.reason()).contains("hash to sha256:");
            assertThat(f.repositories()).containsExactly(app.repository(), other.repository());
        });

        for (RegistryClient client : List.of(app, other)) {
            client.request().get("/v2/" + client.repository() + "/blobs/" + rotten).then().statusCode(404)
                    .body("errors[0].code", equalTo("BLOB_UNKNOWN"))
                    .body("errors[0].message", containsString("its stored bytes do not match its digest"))
                    .body("errors[0].detail.digest", equalTo(rotten));
            client.request().head("/v2/" + client.repository() + "/blobs/" + rotten).then().statusCode(404);
        }
        assertThat(app.request().get("/v2/" + app.repository() + "/blobs/" + good1).asByteArray()).isEqualTo(bytes(70_000, 1));
        assertThat(strings("SELECT payload->>'repository' FROM registry.outbox WHERE type = 'BLOB_QUARANTINED' AND payload->>'digest' = ? "
                + "ORDER BY 1", rotten)).containsExactly(app.repository(), other.repository());
        assertThat(strings("SELECT payload->>'digest' FROM registry.outbox WHERE type = 'BLOB_QUARANTINED' AND payload->>'project' = ?", project))
                .containsOnly(rotten);
        // a quarantined blob is not mounted: the client is asked to upload it
        third.request().queryParam("mount", rotten).queryParam("from", app.repository()).post("/v2/" + third.repository() + "/blobs/uploads/")
                .then().statusCode(202);
        // and a second scrub skips it (it is reported once)
        assertThat(checkOnly(rotten).quarantined()).extracting(ScrubFinding::digest).doesNotContain(rotten);

        // pushing the right bytes again repairs it
        third.pushBlob(content);
        assertThat(app.request().get("/v2/" + app.repository() + "/blobs/" + rotten).asByteArray()).isEqualTo(content);
        assertThat(other.request().get("/v2/" + other.repository() + "/blobs/" + rotten).asByteArray()).isEqualTo(content);
        assertThat(strings("SELECT coalesce(quarantine_reason, 'none') FROM registry.blob WHERE digest = ?", rotten)).containsExactly("none");
        assertThat(checkOnly(rotten).quarantined()).isEmpty();
    }

    @Test
    void aBlobWhoseBytesAreGoneIsQuarantined() throws Exception {
        String gone = app.pushBlob(bytes(1_000, 4));
        storage.delete(BlobPaths.blob(Digest.parse(gone)));
        ScrubChecked found = checkOnly(gone);
        assertThat(found.bytes()).isZero();
        assertThat(found.quarantined()).singleElement().satisfies(f -> assertThat(f.reason()).contains("missing"));
        app.request().get("/v2/" + app.repository() + "/blobs/" + gone).then().statusCode(404)
                .body("errors[0].message", containsString("do not match its digest"));
        app.pushBlob(bytes(1_000, 4));
        app.request().get("/v2/" + app.repository() + "/blobs/" + gone).then().statusCode(200);
    }

    @Test
    void aPageEndsAtItsByteBudgetAndTheNextStartsAfterItsCursor() {
        String one = app.pushBlob(bytes(200_000, 5));
        String two = app.pushBlob(bytes(1_000, 7));
        String first = one.compareTo(two) < 0 ? one : two;
        String second = first.equals(one) ? two : one;
        ScrubChecked page = check(new ScrubCheck(RUNS.incrementAndGet(), below(first), 1000, Long.MAX_VALUE / 4, 1));
        assertThat(page.checked()).as("a blob started is read to its end, then the budget ends the page").isEqualTo(1);
        assertThat(page.bytes()).isEqualTo(first.equals(one) ? 200_000 : 1_000);
        assertThat(page.next()).isEqualTo(first);
        ScrubChecked next = check(new ScrubCheck(RUNS.incrementAndGet(), page.next(), 1, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4));
        assertThat(next.checked()).isEqualTo(1);
        assertThat(next.next()).as("the blob after the cursor, at most the other one").isGreaterThan(first).isLessThanOrEqualTo(second);
    }

    @Test
    void badRequestsAreRefusedInHarborsShapeAndCheckNothing() throws Exception {
        String digest = app.pushBlob(bytes(1_000, 6));
        flipAByte(BlobPaths.blob(Digest.parse(digest))); // a real mismatch: still nothing may be quarantined
        long run = RUNS.incrementAndGet();
        for (Object bad : List.<Object>of(
                Map.of("run_id", run, "after", below(digest), "limit", 0, "bytes_per_second", 1000, "max_bytes", 1000),
                Map.of("run_id", run, "after", below(digest), "limit", 1001, "bytes_per_second", 1000, "max_bytes", 1000),
                Map.of("run_id", run, "after", below(digest), "limit", 1, "bytes_per_second", 0, "max_bytes", 1000),
                Map.of("run_id", run, "after", below(digest), "limit", 1, "bytes_per_second", -5, "max_bytes", 1000),
                Map.of("run_id", run, "after", below(digest), "limit", 1, "bytes_per_second", 1000, "max_bytes", 0),
                Map.of("run_id", run, "after", "not-a-digest", "limit", 1, "bytes_per_second", 1000, "max_bytes", 1000),
                "{\"run_id\":")) {
            given().header("Authorization", bearer(Audiences.REGISTRY_SCRUB)).contentType("application/json")
                    .body(bad instanceof String s ? s : write(bad)).post("/internal/scrub/check").then().statusCode(400)
                    .body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        String good = write(new ScrubCheck(run, below(digest), 1, 1_000_000, 1_000_000));
        given().contentType("application/json").body(good).post("/internal/scrub/check").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", bearer(Audiences.REGISTRY_GC)).contentType("application/json").body(good)
                .post("/internal/scrub/check").then().statusCode(401);
        given().header("Authorization", Tokens.pushPull(app.repository())).contentType("application/json")
                .body(good).post("/internal/scrub/check").then().statusCode(401);
        assertThat(strings("SELECT coalesce(quarantine_reason, 'none') FROM registry.blob WHERE digest = ?", digest)).containsExactly("none");
        app.request().head("/v2/" + app.repository() + "/blobs/" + digest).then().statusCode(200);
    }

    /** Random content of this test instance's own (distinct digests in every test class sharing the database). */
    private byte[] bytes(int size, int n) {
        return Blobs.random(size, project.hashCode() * 31L + n);
    }

    /** Checks exactly the blob {@code digest}: a page of one after the digest just below it. */
    ScrubChecked checkOnly(String digest) {
        return check(new ScrubCheck(RUNS.incrementAndGet(), below(digest), 1, 100_000_000, 100_000_000));
    }

    ScrubChecked check(ScrubCheck request) {
        return given().header("Authorization", bearer(Audiences.REGISTRY_SCRUB)).contentType("application/json").body(write(request))
                .post("/internal/scrub/check").then().statusCode(200).extract().as(ScrubChecked.class);
    }

    static String below(String digest) {
        BigInteger value = new BigInteger(digest.substring("sha256:".length()), 16).subtract(BigInteger.ONE);
        return "sha256:" + String.format("%064x", value);
    }

    static String bearer(String audience) {
        return "Bearer " + Tokens.token(Map.of(), RegistryTestResource.ISSUER, audience, 300, Tokens.key());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> strings(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
