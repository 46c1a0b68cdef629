package io.berth.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.scan.AdapterMetadata;
import io.berth.common.scan.FinishedScan;
import io.berth.common.scan.ReportTypes;
import io.berth.core.jobs.Jobservice;
import io.berth.core.project.Project;
import io.berth.core.scanner.ScannerRegistration;
import io.berth.core.scanner.ScannerService;
import io.berth.core.views.JobViews;
import io.berth.core.views.RegistryViews;
import io.berth.core.views.RegistryViews.ArtifactRow;
import io.berth.common.event.RegistryEvent;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Scans as Harbor's core runs them: a scan of an image manifest with the project's scanner (its own choice or the
 * default) for the report type the adapter produces, recorded as a report (db/core V18) and run by a {@code SCAN}
 * execution of jobservice; the reports jobservice posts stored once; a report's status read from its task while it
 * has no report; an artifact's overview and its vulnerabilities; a stop; a task's log.
 *
 * <p>States: a report is {@code Pending} until its task runs, then its task's status ({@code Running}, {@code Error},
 * {@code Stopped}), and {@code Success} once its report is stored. One scan of an artifact with a scanner and report type
 * runs at a time (409 while one runs).
 */
@ApplicationScoped
public class ScanService {
    private static final Logger LOG = Logger.getLogger(ScanService.class);
    private final ScannerService scanners;
    private final ScanReports reports;
    private final Jobservice jobservice;
    private final JobViews jobs;
    private final ObjectMapper json;
    private final RegistryViews registry;
    private final jakarta.enterprise.event.Event<ArtifactScanStateChanged> scanStateChanged;

    ScanService(ScannerService scanners, ScanReports reports, Jobservice jobservice, JobViews jobs, ObjectMapper json, RegistryViews registry,
            jakarta.enterprise.event.Event<ArtifactScanStateChanged> scanStateChanged) {
        this.registry = registry;
        this.scanStateChanged = scanStateChanged;
        this.scanners = scanners;
        this.reports = reports;
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * {@code scan_type} of Harbor's ScanType body: vulnerability (also when absent) or sbom (the SCAN task asks the adapter
     * for an SPDX SBOM and pushes it as the image's accessory); anything else is a 400.
     */
    public static String scanType(String requested) {
        if (requested == null || requested.isBlank() || requested.equals(ReportTypes.VULNERABILITY)) {
            return ReportTypes.VULNERABILITY;
        }
        if (requested.equals(ReportTypes.SBOM)) {
            return ReportTypes.SBOM;
        }
        throw HarborException.badRequest("unknown scan_type '" + requested + "'; supported: " + ReportTypes.VULNERABILITY + ", " + ReportTypes.SBOM);
    }

    /**
     * Scans an artifact: its report's id, or null when {@code triggerKey} names a scan already asked for (an event handled
     * before). 400 for what cannot be scanned (not an image manifest, no scanner, a scanner that does not produce the report),
     * 409 while the artifact is being scanned, 502/503 when the adapter or jobservice do not answer; nothing is left
     * recorded when it fails.
     */
    public String scan(Project project, ArtifactRow artifact, String tag, String scanType, String trigger, String triggerKey) {
        if (!ReportTypes.SCANNABLE.contains(artifact.mediaType())) {
            String type = String.valueOf(artifact.mediaType());
            boolean index = type.contains("index") || type.contains("manifest.list");
            throw HarborException.badRequest("artifact " + artifact.repository() + "@" + artifact.digest() + " is "
                    + (index ? "an index: scan the images it lists" : "not an image (" + type + ")") + "; scanners scan image manifests");
        }
        ScannerRegistration registration = scanners.ofProject(project);
        if (registration == null) {
            throw HarborException.badRequest("project " + project.name + " has no scanner: register one (/api/v2.0/scanners) or choose one for the project");
        }
        if (registration.disabled) {
            throw HarborException.badRequest("the scanner " + registration.name + " of project " + project.name + " is disabled");
        }
        AdapterMetadata metadata = scanners.metadata(registration);
        String mimeType = ReportTypes.wanted(metadata, scanType, artifact.mediaType());
        if (mimeType == null) {
            throw HarborException.badRequest("the scanner " + registration.name + " produces no " + scanType + " report Berth reads for "
                    + artifact.mediaType());
        }
        if (triggerKey == null && running(artifact.digest(), mimeType)) {
            throw HarborException.conflict("artifact " + artifact.repository() + "@" + artifact.digest() + " is being scanned; stop the scan or wait for its end");
        }
        ScanJobRequest.Scan scan = record(project, registration, metadata, artifact, tag, scanType, mimeType, triggerKey);
        if (scan == null) {
            return null;
        }
        submit(ScanJobRequest.KIND, reports.byUuid(scan.reportId()).orElseThrow().id(), trigger, List.of(scan));
        return scan.reportId();
    }

    /** Records the report of a scan and says what its task does; null if a scan with {@code triggerKey} is recorded already. */
    ScanJobRequest.Scan record(Project project, ScannerRegistration registration, AdapterMetadata metadata, ArtifactRow artifact, String tag,
            String scanType, String mimeType, String triggerKey) {
        var recorded = reports.insert(new ScanReports.NewReport(UUID.randomUUID().toString(), project.id, artifact.repository(), artifact.digest(),
                registration.uuid, metadata.scanner().name(), metadata.scanner().vendor(), metadata.scanner().version(), scanType, mimeType, triggerKey));
        if (recorded.isEmpty()) {
            return null;
        }
        scanStateChanged.fire(new ArtifactScanStateChanged(project.id, artifact.digest()));
        return new ScanJobRequest.Scan(recorded.get().uuid(), new ScanJobRequest.Adapter(registration.uuid, registration.name, registration.url,
                registration.auth, registration.sealedCredential, registration.skipCertVerify, registration.useInternalAddr),
                artifact.repository(), artifact.digest(), tag, artifact.mediaType(), mimeType);
    }

    /** Asks jobservice for one execution of these recorded scans; its id. If jobservice refuses, their reports are removed. */
    long submit(String vendorType, long vendorId, String trigger, List<ScanJobRequest.Scan> scans) {
        try {
            long execution = jobservice.scan(new ScanJobRequest(vendorType, vendorId, trigger, scans));
            scans.forEach(s -> reports.setExecution(s.reportId(), execution));
            return execution;
        } catch (RuntimeException e) {
            for (ScanJobRequest.Scan s : scans) {
                var row = reports.byUuid(s.reportId());
                reports.delete(s.reportId());
                row.ifPresent(r -> scanStateChanged.fire(new ArtifactScanStateChanged(r.projectId(), r.digest())));
            }
            throw e;
        }
    }

    /**
     * Scans a pushed image manifest if its project scans on push ({@code auto_scan}), once per push event (the event's id
     * is the report's trigger key). What cannot be scanned (an index, no scanner, a scanner down or refusing) is logged and
     * left; jobservice not answering is thrown, so that the event is handled again.
     */
    @ActivateRequestContext
    public void scanPushed(RegistryEvent event) {
        if (!ReportTypes.SCANNABLE.contains(event.mediaType())) {
            return;
        }
        Project project = Project.byName(event.project());
        if (project == null) {
            return;
        }
        boolean vulnerabilities = Boolean.parseBoolean(project.metadata.getOrDefault("auto_scan", "false"));
        boolean sbom = Boolean.parseBoolean(project.metadata.getOrDefault("auto_sbom_generation", "false"));
        if (!vulnerabilities && !sbom) {
            return;
        }
        ArtifactRow artifact = registry.artifact(event.repository(), event.digest());
        if (artifact == null) {
            return; // deleted since
        }
        if (accessory(artifact)) {
            return; // an accessory (an SBOM this scan pushed, a signature): scanning it would make an SBOM of the SBOM
        }
        String tag = event.tags() == null || event.tags().isEmpty() ? null : event.tags().get(0);
        if (vulnerabilities) {
            scanPushed(project, artifact, tag, ReportTypes.VULNERABILITY, "push:" + event.id() + ":" + event.digest());
        }
        if (sbom) {
            scanPushed(project, artifact, tag, ReportTypes.SBOM, "sbom-push:" + event.id() + ":" + event.digest());
        }
    }

    /**
     * Whether an artifact is another's accessory: it names a subject, or its artifact type is not an image's (registry
     * records an image's config media type as its artifact type, as Harbor does).
     */
    private static boolean accessory(ArtifactRow artifact) {
        String type = artifact.artifactType();
        return artifact.subjectDigest() != null
                || (type != null && !type.equals(io.berth.common.media.MediaTypes.OCI_CONFIG) && !type.equals(io.berth.common.media.MediaTypes.DOCKER_CONFIG));
    }

    private void scanPushed(Project project, ArtifactRow artifact, String tag, String scanType, String triggerKey) {
        try {
            scan(project, artifact, tag, scanType, "EVENT", triggerKey);
        } catch (HarborException e) {
            if (e.status() == 503) {
                throw e;
            }
            LOG.warnf("%s scan on push of %s@%s: %s", scanType, artifact.repository(), artifact.digest(), e.getMessage());
        }
    }

    /** Stores a report jobservice posts (once; again is fine): 404 if core recorded no such report, 400 if it is not JSON. */
    public void store(FinishedScan finished) {
        if (finished == null || finished.reportId() == null || finished.report() == null) {
            throw HarborException.badRequest("report_id and report are required");
        }
        ScanReports.Row row = HarborException.found(reports.byUuid(finished.reportId()).orElse(null), "scan report " + finished.reportId());
        if (!Objects.equals(row.mimeType(), finished.mimeType())) {
            throw HarborException.badRequest("report " + row.uuid() + " is of " + row.mimeType() + ", not " + finished.mimeType());
        }
        JsonNode report;
        try {
            report = json.readTree(finished.report());
        } catch (IOException e) {
            throw HarborException.badRequest("the report is not JSON: " + e.getMessage());
        }
        if (report == null || !report.isObject()) {
            throw HarborException.badRequest("the report is not a JSON object");
        }
        ReportSummary summary = ReportSummary.of(report);
        try {
            reports.store(row.uuid(), finished.report(), summary, json.writeValueAsString(summary));
            scanStateChanged.fire(new ArtifactScanStateChanged(row.projectId(), row.digest()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the running scans of an artifact; 400 if none runs. */
    public void stop(ArtifactRow artifact) {
        List<ScanReports.Row> latest = reports.latest(List.of(artifact.digest()));
        Map<String, JobViews.ScanTask> tasks = tasks(latest);
        List<Long> running = latest.stream().filter(r -> isRunning(status(r, tasks))).map(ScanReports.Row::executionId).filter(Objects::nonNull)
                .distinct().toList();
        if (running.isEmpty()) {
            throw HarborException.badRequest("no scan of " + artifact.repository() + "@" + artifact.digest() + " is running");
        }
        running.forEach(jobservice::stop);
    }

    /** The log of a scan of this artifact; 404 if there is no such report or no log yet. */
    public String log(ArtifactRow artifact, String reportId) {
        ScanReports.Row row = reports.byUuid(reportId).filter(r -> r.digest().equals(artifact.digest())).orElse(null);
        HarborException.found(row, "scan report " + reportId + " of " + artifact.repository() + "@" + artifact.digest());
        JobViews.Log log = row.executionId() == null ? null : jobs.scanLog(row.executionId(), reportId);
        return HarborException.found(log == null ? null : log.text(), "the log of scan report " + reportId);
    }

    /**
     * Harbor's {@code scan_overview} (vulnerability reports) or {@code sbom_overview} of each digest: the newest report per
     * MIME type of {@code scanType}, as {@code report MIME type -> overview}. Digests never scanned have none.
     */
    public Map<String, Map<String, ScanOverview>> overviews(Collection<String> digests, String scanType) {
        List<ScanReports.Row> latest = reports.latest(digests).stream().filter(r -> r.scanType().equals(scanType)).toList();
        Map<String, JobViews.ScanTask> tasks = tasks(latest);
        Map<String, Map<String, ScanOverview>> overviews = new HashMap<>();
        for (ScanReports.Row row : latest) {
            String status = status(row, tasks);
            JobViews.ScanTask task = tasks.get(row.uuid());
            overviews.computeIfAbsent(row.digest(), d -> new LinkedHashMap<>()).put(row.mimeType(),
                    ScanOverview.of(row, status, summary(row), row.done() ? row.endTime() : task == null ? null : task.endTime()));
        }
        return overviews;
    }

    /**
     * Harbor's {@code sbom_overview} of each digest: the newest SBOM report's {@code report_id}, {@code scan_status},
     * {@code start_time}, {@code end_time}, {@code duration}, {@code scanner}, and once done its accessory's
     * {@code sbom_digest}. Digests without an SBOM scan have none.
     */
    public Map<String, Map<String, Object>> sbomOverviews(Collection<String> digests) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        overviews(digests, ReportTypes.SBOM).forEach((digest, byType) -> {
            ScanOverview o = byType.get(ReportTypes.SBOM_REPORT);
            if (o == null) {
                return;
            }
            Map<String, Object> overview = new LinkedHashMap<>();
            overview.put("report_id", o.reportId());
            overview.put("scan_status", o.scanStatus());
            overview.put("start_time", o.startTime());
            overview.put("end_time", o.endTime());
            overview.put("duration", o.duration());
            overview.put("scanner", o.scanner());
            if ("Success".equals(o.scanStatus())) {
                try {
                    overview.put("sbom_digest", json.readTree(reports.report(o.reportId())).path("sbom_digest").asText(null));
                } catch (IOException e) {
                    throw new IllegalStateException("stored SBOM summary " + o.reportId() + " is not JSON", e);
                }
            }
            found.put(digest, overview);
        });
        return found;
    }

    /** The overview of one report, as {@link #overviews} gives it (a scan's end event carries it). */
    public ScanOverview overview(ScanReports.Row row) {
        Map<String, JobViews.ScanTask> tasks = tasks(List.of(row));
        JobViews.ScanTask task = tasks.get(row.uuid());
        return ScanOverview.of(row, status(row, tasks), summary(row), row.done() ? row.endTime() : task == null ? null : task.endTime());
    }

    /** Harbor's {@code additions/vulnerabilities}: the newest stored vulnerability report of the artifact, keyed by its MIME type. */
    public Map<String, JsonNode> vulnerabilities(ArtifactRow artifact) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (ScanReports.Row row : reports.latest(List.of(artifact.digest()))) {
            if (row.scanType().equals(ReportTypes.VULNERABILITY) && row.done()) {
                try {
                    found.put(row.mimeType(), json.readTree(reports.report(row.uuid())));
                } catch (IOException e) {
                    throw new IllegalStateException("stored report " + row.uuid() + " is not JSON", e);
                }
            }
        }
        return found;
    }

    boolean running(String digest, String mimeType) {
        List<ScanReports.Row> latest = reports.latest(List.of(digest)).stream().filter(r -> r.mimeType().equals(mimeType)).toList();
        Map<String, JobViews.ScanTask> tasks = tasks(latest);
        return latest.stream().anyMatch(r -> isRunning(status(r, tasks)));
    }

    private Map<String, JobViews.ScanTask> tasks(List<ScanReports.Row> rows) {
        Set<Long> executions = new java.util.HashSet<>();
        rows.stream().filter(r -> !r.done() && r.executionId() != null).forEach(r -> executions.add(r.executionId()));
        return jobs.scanTasks(executions);
    }

    private static String status(ScanReports.Row row, Map<String, JobViews.ScanTask> tasks) {
        if (row.done()) {
            return "Success";
        }
        JobViews.ScanTask task = tasks.get(row.uuid());
        if (task == null) {
            return "Pending";
        }
        return "Success".equals(task.status()) ? "Error" : task.status(); // a task that ended without storing its report failed
    }

    private static boolean isRunning(String status) {
        return status.equals("Pending") || status.equals("Running");
    }

    private ReportSummary summary(ScanReports.Row row) {
        if (row.summary() == null) {
            return null;
        }
        try {
            return json.readValue(row.summary(), ReportSummary.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored summary of report " + row.uuid() + " is not JSON", e);
        }
    }
}
