package io.berth.jobs.dispatch;

import io.agroal.api.AgroalDataSource;
import io.berth.common.event.ExecutionEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every second: relays the end events of executions that ended ({@code end_event_pending}, set by the statement that
 * ended them) to the Redis stream {@link ExecutionEvent#STREAM}, then clears the mark, in one transaction that holds the
 * rows ({@code FOR UPDATE SKIP LOCKED}: one replica relays each). Redis down: the marks stay and the next tick tries
 * again; a relay that dies after appending sends the event again (same id), which consumers drop. Each ended execution
 * is also fired as an {@link ExecutionEnded} CDI event, in the relay's transaction: an observer that throws leaves that
 * execution's mark for the next tick (at least once), without holding back the others.
 */
@ApplicationScoped
public class ExecutionEndRelay {
    private static final Logger LOG = Logger.getLogger(ExecutionEndRelay.class);
    private static final int BATCH = 200;
    private static final long STREAM_LENGTH = 100_000;

    private final AgroalDataSource db;
    private final RedisDataSource redis;
    private final Event<ExecutionEnded> ended;

    ExecutionEndRelay(AgroalDataSource db, RedisDataSource redis, Event<ExecutionEnded> ended) {
        this.db = db;
        this.redis = redis;
        this.ended = ended;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            int relayed;
            do {
                relayed = relay();
            } while (relayed == BATCH);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("execution end events wait: %s", e.getMessage());
        }
    }

    /** Relays up to {@link #BATCH} due end events; how many. */
    int relay() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ExecutionEvent> events = new ArrayList<>();
                List<ExecutionEnded> others = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT id, vendor_type, vendor_id, status, trigger, start_time, end_time "
                        + "FROM jobs.execution WHERE end_event_pending ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    st.setInt(1, BATCH);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            if (ExecutionEvent.ON_STREAM.contains(rs.getString(2))) {
                                events.add(ExecutionEvent.ended(rs.getString(2), rs.getLong(1), rs.getLong(3), rs.getString(4), rs.getString(5),
                                        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()));
                            } else {
                                others.add(new ExecutionEnded(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                            }
                        }
                    }
                }
                if (events.isEmpty() && others.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                List<Long> relayed = new ArrayList<>();
                for (ExecutionEnded e : others) {
                    try {
                        ended.fire(e);
                        relayed.add(e.id());
                    } catch (RuntimeException failure) {
                        LOG.warnf("the end event of %s execution %d waits: %s", e.vendorType(), e.id(), failure.getMessage());
                    }
                }
                List<Request> appends = new ArrayList<>();
                for (ExecutionEvent e : events) {
                    appends.add(Request.cmd(Command.XADD).arg(ExecutionEvent.STREAM).arg("MAXLEN").arg("~").arg(STREAM_LENGTH).arg("*")
                            .arg(ExecutionEvent.FIELD).arg(e.encode()));
                }
                if (!appends.isEmpty()) {
                    redis.getReactive().getRedis().batch(appends).await().atMost(Duration.ofSeconds(10));
                }
                events.forEach(e -> relayed.add(e.executionId()));
                try (PreparedStatement st = c.prepareStatement("UPDATE jobs.execution SET end_event_pending = false WHERE id = ANY (?)")) {
                    st.setArray(1, c.createArrayOf("bigint", relayed.toArray()));
                    st.executeUpdate();
                }
                c.commit();
                return events.size() + others.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
