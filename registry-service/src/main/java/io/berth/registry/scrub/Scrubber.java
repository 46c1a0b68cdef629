package io.berth.registry.scrub;

import io.agroal.api.AgroalDataSource;
import io.berth.common.digest.Digest;
import io.berth.common.scrub.ScrubCheck;
import io.berth.common.scrub.ScrubChecked;
import io.berth.common.scrub.ScrubFinding;
import io.berth.registry.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One page of a scrub: the blobs after the cursor in digest order (quarantined ones skipped), each streamed through its
 * hash at the caller's rate, until the page's blob limit or byte budget; those found wrong go to {@link Quarantine}.
 */
@ApplicationScoped
public class Scrubber {
    private static final Logger LOG = Logger.getLogger(Scrubber.class);

    private final AgroalDataSource dataSource;
    private final StorageDriver storage;
    private final Quarantine quarantine;

    Scrubber(AgroalDataSource dataSource, StorageDriver storage, Quarantine quarantine) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.quarantine = quarantine;
    }

    public ScrubChecked check(ScrubCheck request) throws SQLException, IOException, InterruptedException {
        String problem = request.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String after = request.after() == null ? "" : request.after();
        if (!after.isEmpty()) {
            try {
                Digest.parse(after);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("after must be a digest (the cursor a previous page returned): " + e.getMessage());
            }
        }
        Map<String, Long> page = page(after, request.limit());
        Throttle throttle = new Throttle(request.bytesPerSecond());
        List<ScrubFinding> quarantined = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int busy = 0;
        String next = null;
        boolean cut = false;
        for (Map.Entry<String, Long> blob : page.entrySet()) {
            if (checked > 0 && throttle.bytes() >= request.maxBytes()) {
                cut = true;
                break;
            }
            Digest digest = Digest.parse(blob.getKey());
            checked++;
            next = blob.getKey();
            BlobCheck.Result result;
            try {
                result = BlobCheck.check(storage, digest, blob.getValue(), throttle);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("scrub %d: cannot read blob %s: %s", request.runId(), digest, e.getMessage());
                failures.add("blob " + digest + ": cannot be read from " + storage.name() + " storage: " + e.getMessage());
                continue;
            }
            if (result.problem() != null) {
                Quarantine.Outcome outcome = quarantine.mark(request.runId(), digest);
                if (outcome.busy()) {
                    busy++;
                } else if (outcome.finding() != null) {
                    LOG.warnf("scrub %d quarantined blob %s: %s", request.runId(), digest, outcome.finding().reason());
                    quarantined.add(outcome.finding());
                }
            }
        }
        boolean last = !cut && page.size() < request.limit();
        return new ScrubChecked(checked, throttle.bytes(), last ? null : next, quarantined, busy, failures);
    }

    private Map<String, Long> page(String after, int limit) throws SQLException {
        Map<String, Long> page = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT digest, size FROM registry.blob WHERE digest > ? AND quarantined_at IS NULL ORDER BY digest LIMIT ?")) {
            st.setString(1, after);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    page.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return page;
    }
}
