package io.berth.core.purge;

import io.agroal.api.AgroalDataSource;
import io.berth.common.audit.AuditPurge;
import io.berth.common.audit.AuditPurge.Batch;
import io.berth.common.audit.AuditPurge.Done;
import io.berth.common.audit.AuditPurge.Key;
import io.berth.common.audit.AuditPurge.Started;
import io.berth.common.error.HarborException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes old audit-log entries for jobservice's purge job ({@link AuditPurge}'s internal API): {@link #start} fixes
 * the run's cutoff ({@code now() - retention}, by PostgreSQL), {@link #batch} deletes — or in a dry run only reads —
 * the next entries older than it with one of the operations, in (op_time, id) order after the previous batch's last
 * key, one statement each (the {@code audit_log_time} index, read backwards). Entries are only ever inserted, with
 * {@code op_time} about now, so a key walk misses none, and a batch run twice deletes nothing twice.
 */
@ApplicationScoped
public class AuditPurger {
    private static final Logger LOG = Logger.getLogger(AuditPurger.class);
    /** The entries of one operation: that operation, or it followed by a space and details ({@code create developer}). */
    private static final String MATCHES = "(lower(operation) = ANY (?) OR lower(operation) LIKE ANY (?))";

    private final AgroalDataSource db;

    AuditPurger(AgroalDataSource db) {
        this.db = db;
    }

    public Started start(AuditPurge.Start start) {
        if (start == null || start.retentionHours() < 1) {
            throw HarborException.badRequest("retention_hours must be 1 or more");
        }
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT now() - make_interval(hours => ?)")) {
            st.setInt(1, start.retentionHours());
            ResultSet rs = st.executeQuery();
            rs.next();
            Instant cutoff = rs.getObject(1, OffsetDateTime.class).toInstant();
            LOG.infof("audit-log purge %d: entries before %s", start.runId(), cutoff);
            return new Started(cutoff);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the audit-log purge: " + e.getMessage(), e);
        }
    }

    public Done batch(Batch batch) {
        String problem = problem(batch);
        if (problem != null) {
            throw HarborException.badRequest(problem);
        }
        String pick = "SELECT id, op_time FROM core.audit_log WHERE op_time < ? AND " + MATCHES
                + (batch.after() == null ? "" : " AND (op_time, id) > (?, ?)") + " ORDER BY op_time, id LIMIT ?";
        String sql = batch.dryRun() ? pick
                : "WITH picked AS (" + pick + ") DELETE FROM core.audit_log a USING picked p WHERE a.id = p.id RETURNING a.id, a.op_time";
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setObject(i++, batch.cutoff().atOffset(ZoneOffset.UTC));
            st.setArray(i++, c.createArrayOf("text", batch.operations().toArray()));
            st.setArray(i++, c.createArrayOf("text", batch.operations().stream().map(op -> op + " %").toArray()));
            if (batch.after() != null) {
                st.setObject(i++, batch.after().opTime().atOffset(ZoneOffset.UTC));
                st.setLong(i++, batch.after().id());
            }
            st.setInt(i, batch.limit());
            int count = 0;
            Key last = null;
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                count++;
                Key key = new Key(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(1));
                if (last == null || key.opTime().isAfter(last.opTime()) || (key.opTime().equals(last.opTime()) && key.id() > last.id())) {
                    last = key;
                }
            }
            return new Done(count, count < batch.limit() ? null : last);
        } catch (SQLException e) {
            throw new IllegalStateException("audit-log purge batch: " + e.getMessage(), e);
        }
    }

    private static String problem(Batch batch) {
        if (batch == null || batch.cutoff() == null) {
            return "a batch needs the run's cutoff";
        }
        if (batch.limit() < 1 || batch.limit() > AuditPurge.MAX_BATCH) {
            return "limit must be from 1 to " + AuditPurge.MAX_BATCH + ", not " + batch.limit();
        }
        return AuditPurge.operationsProblem(batch.operations());
    }
}
