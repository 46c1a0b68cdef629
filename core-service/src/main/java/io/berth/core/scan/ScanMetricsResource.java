package io.berth.core.scan;

import io.berth.common.job.ScanJobRequest;
import io.berth.core.api.Paging;
import io.berth.core.identity.SysadminOnly;
import io.berth.core.views.JobViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Harbor's scan-all metrics, for system administrators: {@code /scans/all/metrics} (the latest scan-all, whatever started
 * it) and {@code /scans/schedule/metrics} (the latest scheduled one), as Harbor's Stats: {@code total} tasks, those
 * {@code completed}, the count per status ({@code metrics}), whether it is {@code ongoing}, its {@code trigger}.
 */
@SysadminOnly
@Path("/api/v2.0/scans")
@Produces(MediaType.APPLICATION_JSON)
public class ScanMetricsResource {
    /** Harbor's Stats. */
    public record Stats(long total, long completed, Map<String, Long> metrics, boolean ongoing, String trigger) {}

    private final JobViews jobs;

    ScanMetricsResource(JobViews jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("/all/metrics")
    public Stats all() {
        return latest(null);
    }

    @GET
    @Path("/schedule/metrics")
    public Stats scheduled() {
        return latest("SCHEDULE");
    }

    private Stats latest(String trigger) {
        var last = jobs.executions(new JobViews.ExecutionFilter(ScanJobRequest.ALL_KIND, null, null, trigger), new Paging(1, 1));
        if (last.isEmpty()) {
            return new Stats(0, 0, Map.of(), false, trigger == null ? null : "Schedule");
        }
        JobViews.ExecutionRow e = last.get(0);
        Map<String, Long> metrics = new LinkedHashMap<>();
        metrics.put("Pending", e.pending());
        metrics.put("Running", e.running());
        metrics.put("Success", e.succeed());
        metrics.put("Error", e.failed());
        metrics.put("Stopped", e.stopped());
        metrics.values().removeIf(n -> n == 0);
        String shown = switch (e.trigger()) {
            case "SCHEDULE" -> "Schedule";
            case "EVENT" -> "Event";
            default -> "Manual";
        };
        return new Stats(e.total(), e.succeed() + e.failed() + e.stopped(), metrics, "Running".equals(e.status()), shown);
    }
}
