package io.berth.launcher;

import static io.berth.launcher.ChaosIT.ADMIN_PASSWORD;
import static io.berth.launcher.ChaosIT.MIB;
import static io.berth.launcher.ChaosIT.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.testing.Distribution;
import io.berth.launcher.ChaosIT.Ack;
import io.berth.launcher.ChaosIT.Client;
import io.berth.launcher.ChaosIT.Ledger;
import io.berth.launcher.ChaosIT.Load;
import io.berth.launcher.ChaosIT.RedisServer;
import io.berth.launcher.ChaosIT.Rig;
import io.berth.launcher.ChaosIT.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Berth on Redis Sentinel, for real: a master, a replica and three sentinels (Debian's redis-server in
 * sentinel mode), Berth configured with {@code redis.client_type: sentinel}. The master is killed -9
 * while clients push and pull through the gateway; after the sentinels promote the replica, pushes,
 * pulls, events (the audit log) and jobs (a replication to CNCF Distribution) go on, and every
 * acknowledged push is pulled back intact.
 */
class SentinelIT {
    static final String MASTER_SET = "berth-ha";
    /** Pushes the load has had acknowledged before the master is killed, and after the replica is promoted. */
    static final int BEFORE_KILL = 5;
    static final int AFTER_PROMOTION = 20;

    @Test
    void pushesPullsEventsAndJobsGoOnAfterTheMasterIsKilled() throws Exception {
        Path dir = Files.createTempDirectory("berth-sentinel");
        int masterPort = BerthSystem.freePort();
        int replicaPort = BerthSystem.freePort();
        RedisServer master = new RedisServer(masterPort, dir.resolve("master"));
        RedisServer replica = new RedisServer(replicaPort, dir.resolve("replica"), "--replicaof", "127.0.0.1", Integer.toString(masterPort));
        List<RedisServer> sentinels = new ArrayList<>();
        Rig rig = null;
        try (Distribution distribution = Distribution.start("mirror", "Mirr0r-pass")) {
            master.launch();
            replica.launch();
            await("the replica in sync with the master", Duration.ofSeconds(20),
                    () -> String.valueOf(replica.command("INFO", "replication")).contains("master_link_status:up"));
            for (int i = 0; i < 3; i++) {
                RedisServer sentinel = sentinel(BerthSystem.freePort(), dir.resolve("sentinel-" + i), masterPort);
                sentinel.launch();
                sentinels.add(sentinel);
            }
            await("each sentinel knowing the replica and the two other sentinels", Duration.ofSeconds(30), () -> {
                for (RedisServer s : sentinels) {
                    String state = String.valueOf(s.command("SENTINEL", "MASTER", MASTER_SET));
                    if (!state.contains("num-slaves, 1") || !state.contains("num-other-sentinels, 2")) {
                        return false;
                    }
                }
                return true;
            });

            List<String> urls = sentinels.stream().map(s -> "redis://127.0.0.1:" + s.port).toList();
            BerthSystem berth = new BerthSystem(Map.of("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "BERTH_REDIS_URL", String.join(",", urls),
                    "BERTH_REDIS_CLIENT_TYPE", "sentinel",
                    "BERTH_REDIS_MASTER_NAME", MASTER_SET,
                    "BERTH_JOBSERVICE_VISIBILITY_TIMEOUT", "15s"));
            rig = Rig.start(berth, master);

            long registry = created(rig.api("POST", "/api/v2.0/registries", Map.of("name", "ha-dist", "type", "docker-registry",
                    "url", distribution.url(), "credential", Map.of("type", "basic", "access_key", "mirror", "access_secret", "Mirr0r-pass"))));
            long policy = created(rig.api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "ha",
                    "dest_registry", Map.of("id", registry), "filters", List.of(Map.of("type", "name", "value", "library/ha-*")))));

            Stats stats = new Stats("sentinel failover");
            Ledger ledger = new Ledger();
            Duration failover;
            try (Load load = Load.start(rig.url(), 8, 40, MIB, stats, ledger, "ha")) {
                await("pushes acknowledged under load before the kill", Duration.ofSeconds(60), () -> ledger.all().size() >= BEFORE_KILL);
                long killed = System.nanoTime();
                master.kill();
                System.out.println("[sentinel] master on " + masterPort + " killed -9 after " + ledger.all().size() + " pushes");
                await("the sentinels promoting the replica", Duration.ofSeconds(60),
                        () -> String.valueOf(sentinels.get(0).command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_SET))
                                .contains(Integer.toString(replicaPort)));
                failover = Duration.ofNanos(System.nanoTime() - killed);
                System.out.println("[sentinel] replica on " + replicaPort + " promoted " + failover.toMillis() + " ms after the kill");
                int promoted = ledger.all().size();
                await("pushes acknowledged under load after the promotion", Duration.ofSeconds(60),
                        () -> ledger.all().size() >= promoted + AFTER_PROMOTION);
            }
            System.out.println(stats.summary());

            // after the failover a new client pushes, and the acknowledged push is there
            Client client = new Client(rig.url(), stats);
            SplittableRandom random = new SplittableRandom(7);
            Ack after = awaitPush(client, "library/ha-after", random, Duration.ofSeconds(30));
            ledger.add(after);

            // jobs: a replication run after the failover copies what was pushed, before and after it
            long execution = created(rig.api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", policy)));
            JsonNode done = rig.awaitExecution(execution, Duration.ofSeconds(120));
            assertThat(done.path("status").asText()).as("the replication execution after the failover: " + done).isEqualTo("Succeed");
            byte[] there = rig.atDistribution(distribution, after.repository(), after.tag());
            assertThat(there).as("library/ha-after:" + after.tag() + " at the Distribution").isNotNull();
            assertThat(ChaosIT.sha256(there)).isEqualTo(after.digest());

            // events: every acknowledged push, before and after the kill, reaches the audit log
            List<Ack> pushed = ledger.all();
            List<String> missing = rig.awaitAudited(pushed, Duration.ofSeconds(60));
            assertThat(missing).as("acknowledged pushes missing from the audit log after the failover (of " + pushed.size() + ")").isEmpty();

            assertThat(ChaosIT.verify(rig.url(), pushed, stats)).as("acknowledged pushes lost").isZero();
            assertThat(stats.problems()).as("wrong bytes or other violations").isEmpty();
            assertThat(pushed.size()).as("pushes acknowledged in all").isGreaterThan(10);
        } finally {
            if (rig != null) {
                rig.close();
            }
            for (RedisServer s : sentinels) {
                s.stop();
            }
            replica.stop();
            master.stop();
        }
    }

    /** A sentinel (redis-server in sentinel mode) watching the master on {@code masterPort}, quick to judge it down. */
    private static RedisServer sentinel(int port, Path dir, int masterPort) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n",
                "sentinel monitor " + MASTER_SET + " 127.0.0.1 " + masterPort + " 2",
                "sentinel down-after-milliseconds " + MASTER_SET + " 1500",
                "sentinel failover-timeout " + MASTER_SET + " 10000",
                "sentinel parallel-syncs " + MASTER_SET + " 1", ""));
        return new RedisServer(port, dir) {
            @Override
            List<String> commandLine() {
                return List.of("redis-server", conf.toString(), "--sentinel", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                        "--dir", dir.toString());
            }
        };
    }

    private static Ack awaitPush(Client client, String repository, SplittableRandom random, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        for (int n = 0;; n++) {
            try {
                return client.push(repository, "v" + n, random, 2, MIB, "ha");
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no push acknowledged within " + max + " of the failover; the last: " + e, e);
                }
                Thread.sleep(1000);
            }
        }
    }

    interface Check {
        boolean done() throws Exception;
    }

    private static void await(String what, Duration max, Check check) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + max + " for " + what + (last == null ? "" : "; the last error: " + last));
    }
}
