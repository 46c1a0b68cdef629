package io.berth.jobs.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.RegistryException;
import io.berth.common.config.CoreConfig;
import io.berth.common.config.DeploymentConfig;
import io.berth.common.config.RegistryConfig;
import io.berth.common.config.TokenConfig;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.scan.FinishedScan;
import io.berth.common.scan.ReportTypes;
import io.berth.common.scan.ScanRequest;
import io.berth.common.scan.ScannerAdapter;
import io.berth.common.scan.ScannerAuth;
import io.berth.common.scan.ScannerPull;
import io.berth.common.scope.Scope;
import io.berth.common.token.Audiences;
import io.berth.jobs.dispatch.Task;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.dispatch.TaskRunner;
import io.berth.jobs.internal.InternalApi;
import io.berth.jobs.secrets.SealedSecrets;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one {@code SCAN} task as Harbor's jobservice does with any scanner adapter: {@code POST /api/v1/scan} with the
 * registry URL the adapter reaches (the registry-service's own with {@code use_internal_addr}, else the external URL) and
 * a short-lived registry token that may pull that one repository only; then {@code GET /api/v1/scan/{id}/report} for the
 * report MIME type, again after each {@code 302} once the adapter's {@code Refresh-After} (or {@code Retry-After}) has
 * passed — 1 to 60 s, {@value #DEFAULT_WAIT_SECONDS} s when it gives none — for at most {@link #MAX_WAIT} in all; then the
 * report goes to core's internal scan API, which stores it under the task's report id. An SBOM scan (report type
 * {@value ReportTypes#SBOM_REPORT}) enables the adapter's {@code sbom} capability for SPDX JSON, asks for the report with
 * {@code sbom_media_type}, and stores the SBOM as Harbor does: {@link SbomAccessories} pushes it as an accessory of the
 * image and core gets Harbor's SBOM summary (with the accessory's digest) instead of the document.
 *
 * <p>Tried again (a crash, a 5xx, no answer), the task asks for the report of the scan request it already made
 * ({@code scan_id} in its report) before making another, and core stores one report whatever the number of posts. An
 * adapter's 4xx or malformed answer fails the task at once; a stop interrupts the wait.
 */
@ApplicationScoped
public class ScanRunner implements TaskRunner {
    static final String SUBJECT = "berth-scan-job";
    static final Duration MAX_WAIT = Duration.ofMinutes(30);
    static final int DEFAULT_WAIT_SECONDS = 5;

    private final ObjectMapper json;
    private final SealedSecrets secrets;
    private final LocalTokens tokens;
    private final TokenConfig token;
    private final RegistryConfig registry;
    private final DeploymentConfig deployment;
    private final InternalApi core;
    private final SbomAccessories sbomAccessories;

    ScanRunner(ObjectMapper json, SealedSecrets secrets, LocalTokens tokens, TokenConfig token, RegistryConfig registry, DeploymentConfig deployment,
            CoreConfig coreConfig, SbomAccessories sbomAccessories) {
        this.sbomAccessories = sbomAccessories;
        this.json = json;
        this.secrets = secrets;
        this.tokens = tokens;
        this.token = token;
        this.registry = registry;
        this.deployment = deployment;
        this.core = new InternalApi("core-service", coreConfig.url().replaceAll("/+$", "") + FinishedScan.PATH, Audiences.CORE_SCAN, SUBJECT,
                tokens, json);
    }

    @Override
    public String kind() {
        return ScanJobRequest.KIND;
    }

    @Override
    public boolean retryable(Exception failure) {
        if (failure instanceof ScannerAdapter.AdapterException e) {
            return e.transientFailure();
        }
        if (failure instanceof NoReport) {
            return false;
        }
        if (failure instanceof RegistryException e) { // pushing an SBOM accessory: the image is gone, or the push is refused
            return e.status() == 0 || e.status() >= 500 || e.status() == 408 || e.status() == 429;
        }
        return TaskRunner.super.retryable(failure) && InternalApi.worthRetrying(failure);
    }

    @Override
    public void run(Task task, TaskContext context) throws Exception {
        ScanJobRequest.Scan scan = json.treeToValue(task.params(), ScanJobRequest.Scan.class);
        ScanJobRequest.Adapter a = scan.adapter();
        ScannerAdapter adapter = new ScannerAdapter(a.url(), ScannerAuth.of(a.auth()), secrets.open(a.sealedCredential()), a.skipCertVerify());
        String what = scan.repository() + "@" + scan.digest();
        boolean sbom = ReportTypes.SBOM_REPORT.equals(scan.reportMimeType());
        String sbomMediaType = sbom ? ReportTypes.SPDX_JSON : null;
        Instant started = Instant.now();
        String scanId = context.text("scan_id");
        Optional<String> report = Optional.empty();
        if (scanId != null) {
            context.log("asking scanner " + a.name() + " again for the report of scan request " + scanId);
            try {
                report = waitForReport(adapter, scanId, scan.reportMimeType(), sbomMediaType, context);
            } catch (ScannerAdapter.AdapterException e) {
                if (e.status() != 404) {
                    throw e;
                }
                context.log("the scanner no longer knows scan request " + scanId + "; asking for a new scan");
                scanId = null;
            }
        }
        if (scanId == null) {
            String registryUrl = (a.useInternalAddr() ? registry.url() : deployment.externalUrl()).replaceAll("/+$", "");
            String pullToken = tokens.signer().sign(ScannerPull.SUBJECT, token.service(), List.of(Scope.repository(scan.repository(), "pull")), Instant.now());
            scanId = adapter.scan(new ScanRequest(new ScanRequest.Registry(registryUrl, "Bearer " + pullToken),
                    new ScanRequest.Artifact(scan.repository(), scan.digest(), scan.tag(), scan.mediaType()),
                    sbom ? List.of(new ScanRequest.EnabledCapability(ReportTypes.SBOM, Map.of("sbom_media_types", List.of(sbomMediaType)))) : null));
            context.text("scan_id", scanId);
            context.log("scanner " + a.name() + " accepted the scan of " + what + " from " + registryUrl + " as request " + scanId);
            report = waitForReport(adapter, scanId, scan.reportMimeType(), sbomMediaType, context);
        }
        String body = report.orElseThrow();
        context.log("got the report (" + scan.reportMimeType() + ", " + body.length() + " characters)");
        if (sbom) {
            body = sbomAccessories.store(scan, body, started, context);
        }
        core.call("reports", new FinishedScan(scan.reportId(), scan.reportMimeType(), body));
        context.log("stored as report " + scan.reportId());
    }

    /** The report, polling while the adapter answers 302, for at most {@link #MAX_WAIT}. */
    private Optional<String> waitForReport(ScannerAdapter adapter, String scanId, String mimeType, String sbomMediaType, TaskContext context)
            throws Exception {
        Instant deadline = Instant.now().plus(MAX_WAIT);
        int polls = 0;
        while (true) {
            Duration[] retryAfter = new Duration[1];
            Optional<String> report = adapter.report(scanId, mimeType, sbomMediaType, retryAfter);
            if (report.isPresent()) {
                if (polls > 0) {
                    context.log("the report was ready after " + polls + " poll(s)");
                }
                return report;
            }
            polls++;
            Duration wait = retryAfter[0] == null ? Duration.ofSeconds(DEFAULT_WAIT_SECONDS)
                    : Duration.ofSeconds(Math.max(1, Math.min(60, retryAfter[0].toSeconds())));
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw new NoReport("the scanner had no report for scan request " + scanId + " after " + MAX_WAIT.toMinutes()
                        + " minutes of polling");
            }
            Thread.sleep(wait.toMillis());
        }
    }

    /** The adapter kept answering 302 for longer than {@link #MAX_WAIT}: trying again would wait as long. */
    static final class NoReport extends Exception {
        NoReport(String message) {
            super(message, null, false, false);
        }
    }
}
