package io.berth.registry.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away under the registry (a restart, a failover): requests that need it fail fast with
 * 503 SERVICE_UNAVAILABLE and Retry-After, never a 500, and serving resumes by itself once it answers.
 */
@QuarkusTest
@QuarkusTestResource(value = RelayedDatabase.class, restrictToAnnotatedClass = true)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {
    /** What Vert.x reported as uncaught while the tests ran, and when the first outage began. */
    static final List<Throwable> UNCAUGHT = new java.util.concurrent.CopyOnWriteArrayList<>();
    static volatile long firstOutage;

    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));
    private final String repo = client.repository();

    @jakarta.inject.Inject
    io.vertx.core.Vertx vertx;

    @org.junit.jupiter.api.BeforeEach
    void watchUncaughtExceptions() {
        io.vertx.core.Handler<Throwable> previous = vertx.exceptionHandler();
        if (firstOutage == 0) {
            vertx.exceptionHandler(t -> {
                UNCAUGHT.add(t);
                if (previous != null) {
                    previous.handle(t);
                }
            });
        }
    }

    private static void cut() {
        if (firstOutage == 0) {
            firstOutage = System.nanoTime();
        }
        RelayedDatabase.relay.cut();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void requestsFailFastWith503WhileTheDatabaseIsDownAndServingResumesAfter() {
        String manifest = client.pushImage("v1", "outage layer");
        String url = "/v2/" + repo + "/manifests/v1";
        client.request().get(url).then().statusCode(200);

        cut();
        try {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                Response r = client.request().get(url);
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isNotNull();
                assertThat(r.jsonPath().getString("errors[0].code")).isEqualTo("UNAVAILABLE");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast").isLessThan(Duration.ofSeconds(10));
                client.request().head(url).then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue());
            }
            Response push = client.putManifest("v2", io.berth.common.media.MediaTypes.OCI_MANIFEST, manifest);
            assertThat(push.statusCode()).as(push.asString()).isEqualTo(503);
            client.request().get("/v2/" + repo + "/tags/list").then().statusCode(503);
        } finally {
            RelayedDatabase.relay.restore();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.request().get(url).statusCode() == 200);
        client.request().head("/v2/" + repo + "/manifests/v2").then().statusCode(404);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void underLoadAnOutageGivesOnly200sAnd503s() throws Exception {
        client.pushImage("load", "load layer");
        String url = "/v2/" + repo + "/manifests/load";
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        for (int i = 0; i < 12; i++) {
            pool.submit(() -> {
                while (running.get()) {
                    int status = client.request().get(url).statusCode();
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            });
        }
        for (int round = 0; round < 3; round++) {
            Thread.sleep(700);
            cut();
            Thread.sleep(700);
            RelayedDatabase.relay.restore();
        }
        Thread.sleep(1500);
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        Map<Integer, Integer> seen = new TreeMap<>();
        statuses.forEach((s, n) -> seen.put(s, n.get()));
        assertThat(seen.keySet()).as("statuses seen: %s", seen).isSubsetOf(List.of(200, 503));
        assertThat(seen).containsKeys(200, 503);
        client.request().get(url).then().statusCode(200);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void noQueryIsCompletedTwiceOnceTheOutageIsLongPast() throws Exception {
        // Vert.x SQL client 4.5 failed every query refused a connection a second time when its 30 s acquisition
        // timer fired: "IllegalStateException: Result is already complete", uncaught (vertx-sql-client#1706)
        long waited = System.nanoTime() - firstOutage;
        Thread.sleep(Math.max(0, Duration.ofSeconds(32).toMillis() - Duration.ofNanos(waited).toMillis()));
        assertThat(UNCAUGHT).as("uncaught exceptions").isEmpty();
    }
}
