package io.berth.core.scan;

import io.berth.common.error.HarborException;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.scan.AdapterMetadata;
import io.berth.common.scan.ReportTypes;
import io.berth.core.api.Paging;
import io.berth.core.project.Project;
import io.berth.core.schedule.Parameters;
import io.berth.core.schedule.ScheduledJob;
import io.berth.core.scanner.ScannerRegistration;
import io.berth.core.scanner.ScannerService;
import io.berth.core.views.RegistryViews;
import io.berth.core.views.RegistryViews.ArtifactRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Harbor's scan-all as a {@link ScheduledJob} ({@code SCAN_ALL}; by hand or on core's one schedule mechanism): every image
 * manifest of every project with a usable scanner is recorded as a report and scanned by one {@code SCAN_ALL} execution of
 * jobservice, one SCAN task per artifact. Artifacts being scanned are left to that scan; a project whose scanner is
 * missing, disabled or not answering is skipped and logged. It takes no parameters.
 */
@ApplicationScoped
public class ScanAll implements ScheduledJob {
    private static final Logger LOG = Logger.getLogger(ScanAll.class);

    private final ScanService scans;
    private final ScannerService scanners;
    private final RegistryViews registry;

    ScanAll(ScanService scans, ScannerService scanners, RegistryViews registry) {
        this.scans = scans;
        this.scanners = scanners;
        this.registry = registry;
    }

    @Override
    public String kind() {
        return ScanJobRequest.ALL_KIND;
    }

    @Override
    public String title() {
        return "scan all";
    }

    /** No: scans write reports, not artifacts; read_only lets scans go on. */
    @Override
    public boolean writesArtifacts() {
        return false;
    }

    @Override
    public Map<String, Object> validate(Map<String, Object> parameters) {
        Parameters.known(parameters, Set.of(), title());
        return Map.of();
    }

    /** Records and submits the scans; the execution's id (an execution with no task when there is nothing to scan). */
    @Override
    public long start(Map<String, Object> parameters, String trigger, long scheduleId) {
        record Scanner(ScannerRegistration registration, AdapterMetadata metadata) {}
        Map<Long, Scanner> byProject = new HashMap<>();
        List<ScanJobRequest.Scan> planned = new ArrayList<>();
        Map<String, Object> params = Map.of("types", ReportTypes.SCANNABLE);
        for (int page = 1;; page++) {
            List<ArtifactRow> artifacts = registry.artifacts("a.media_type in (:types)", params, "a.id", new Paging(page, Paging.MAX_PAGE_SIZE));
            for (ArtifactRow artifact : artifacts) {
                Scanner scanner = byProject.computeIfAbsent(artifact.projectId(), id -> {
                    Project project = Project.findById(id);
                    ScannerRegistration registration = project == null ? null : scanners.ofProject(project);
                    if (registration == null || registration.disabled) {
                        return new Scanner(null, null);
                    }
                    try {
                        return new Scanner(registration, scanners.metadata(registration));
                    } catch (HarborException e) {
                        LOG.warnf("scan all: project %s skipped: %s", project.name, e.getMessage());
                        return new Scanner(null, null);
                    }
                });
                if (scanner.registration() == null) {
                    continue;
                }
                String mimeType = ReportTypes.wanted(scanner.metadata(), ReportTypes.VULNERABILITY, artifact.mediaType());
                if (mimeType == null || scans.running(artifact.digest(), mimeType)) {
                    continue;
                }
                planned.add(scans.record(Project.findById(artifact.projectId()), scanner.registration(), scanner.metadata(), artifact, null,
                        ReportTypes.VULNERABILITY, mimeType, null));
            }
            if (artifacts.size() < Paging.MAX_PAGE_SIZE) {
                break;
            }
        }
        return scans.submit(ScanJobRequest.ALL_KIND, scheduleId, trigger, planned);
    }
}
