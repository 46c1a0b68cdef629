package io.berth.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.event.ExecutionEvent;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.job.WebhookRequest;
import io.berth.common.webhook.WebhookPayloads;
import io.berth.core.scan.ScanOverview;
import io.berth.core.scan.ScanReports;
import io.berth.core.scan.ScanService;
import io.berth.core.views.JobViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Harbor's {@code SCANNING_COMPLETED}, {@code SCANNING_FAILED} and {@code SCANNING_STOPPED} webhook events, one per
 * artifact scanned, when a {@code SCAN} or {@code SCAN_ALL} execution ends: the report's status picks the type
 * ({@code Success}, {@code Error}, {@code Stopped}), and {@code event_data} is Harbor's: {@code resources} (the artifact's
 * {@code digest}, {@code tag}, {@code resource_url} and its {@code scan_overview}, keyed by report MIME type) and
 * {@code repository}; {@code operator} is {@code auto} for a scan on push or a scheduled scan-all (as Harbor's), else the
 * trigger ({@code MANUAL}). The event goes to the artifact's project's policies that subscribe to its type; its id is derived
 * from the execution, the report and the policy's project: the same on every relay.
 */
@ApplicationScoped
public class ScanWebhooks {
    static final String COMPLETED = "SCANNING_COMPLETED";
    static final String FAILED = "SCANNING_FAILED";
    static final String STOPPED = "SCANNING_STOPPED";
    static final List<String> TYPES = List.of(COMPLETED, FAILED, STOPPED);
    private static final Set<String> KINDS = Set.of(ScanJobRequest.KIND, ScanJobRequest.ALL_KIND);

    private final WebhookNotifier notifier;
    private final ScanReports reports;
    private final ScanService scans;
    private final JobViews jobs;
    private final ObjectMapper json;

    ScanWebhooks(WebhookNotifier notifier, ScanReports reports, ScanService scans, JobViews jobs, ObjectMapper json) {
        this.notifier = notifier;
        this.reports = reports;
        this.scans = scans;
        this.jobs = jobs;
        this.json = json;
    }

    /** The deliveries the end of this scan execution makes; none if no project of its artifacts subscribes. */
    public List<WebhookRequest> requests(ExecutionEvent e) {
        if (!KINDS.contains(e.vendorType())) {
            return List.of();
        }
        List<ScanReports.Row> rows = reports.ofExecution(e.executionId());
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, String> tags = tags(e.executionId());
        Map<String, List<WebhookNotifier.Subscriber>> byProject = notifier.subscribers(rows.stream()
                .map(r -> ReplicationWebhooks.namespace(r.repository())).collect(Collectors.toSet())).stream()
                .collect(Collectors.groupingBy(s -> s.project().name, LinkedHashMap::new, Collectors.toList()));
        List<WebhookRequest> requests = new ArrayList<>();
        for (ScanReports.Row row : rows) {
            List<WebhookNotifier.Subscriber> subscribers = byProject.getOrDefault(ReplicationWebhooks.namespace(row.repository()), List.of());
            if (subscribers.isEmpty()) {
                continue;
            }
            ScanOverview overview = scans.overview(row);
            String type = switch (overview.scanStatus()) {
                case "Success" -> COMPLETED;
                case "Stopped" -> STOPPED;
                default -> FAILED;
            };
            for (WebhookNotifier.Subscriber s : subscribers) {
                if (!s.policy().eventTypes.contains(type)) {
                    continue;
                }
                Map<String, Object> data = eventData(row, tags.get(row.uuid()), overview, s.project().isPublic());
                Instant at = e.endTime() == null ? Instant.now() : e.endTime();
                String eventId = UUID.nameUUIDFromBytes((e.id() + "/" + row.uuid() + "/" + s.project().name).getBytes(StandardCharsets.UTF_8))
                        .toString();
                requests.add(notifier.request(s, new WebhookPayloads.Notification(type, at, operator(e.trigger()), data, eventId,
                        s.project().id, s.policy().id)));
            }
        }
        return requests;
    }

    /** Harbor's operator of a scan event: {@code auto} for a scan on push or a scheduled scan-all, else the trigger. */
    static String operator(String trigger) {
        return "EVENT".equals(trigger) || "SCHEDULE".equals(trigger) ? "auto" : trigger;
    }

    private Map<String, Object> eventData(ScanReports.Row row, String tag, ScanOverview overview, boolean publicProject) {
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = json.convertValue(overview, Map.class);
        return WebhookPayloads.scanEventData(row.repository(), ReplicationWebhooks.namespace(row.repository()), row.digest(), tag,
                notifier.registryHost(), publicProject, row.mimeType(), summary);
    }

    /** The tag each report's scan was asked for (its task's params), by report id. */
    private Map<String, String> tags(long executionId) {
        Map<String, String> tags = new HashMap<>();
        for (JobViews.TaskRow t : jobs.tasks(executionId, null, null)) {
            try {
                JsonNode params = json.readTree(t.params());
                tags.put(params.path("report_id").asText(), params.path("tag").asText(""));
            } catch (IOException ex) {
                throw new IllegalStateException("a scan task's params are not JSON: " + ex.getMessage(), ex);
            }
        }
        return tags;
    }
}
