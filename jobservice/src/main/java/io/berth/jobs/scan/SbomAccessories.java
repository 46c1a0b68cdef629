package io.berth.jobs.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.scan.ScannerAdapter;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a {@code SCAN} task does with an SBOM report: the SBOM goes into the image's repository of this Berth's
 * registry-service as Harbor's accessory ({@link SbomAccessory}, pushed with a token of the scan job's own), and core
 * stores Harbor's SBOM summary of it: {@code start_time}, {@code end_time}, {@code duration} (seconds),
 * {@code sbom_repository}, {@code sbom_digest}, {@code scan_status} and the report's {@code scanner}.
 *
 * <p>The accessory's time is the report's {@code generated_at}, so the task tried again after a crash pushes the same
 * bytes and the same digest: one accessory per report.
 */
@ApplicationScoped
public class SbomAccessories {
    private final LocalTokens tokens;
    private final ObjectMapper json;

    SbomAccessories(LocalTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    /** Pushes the report's SBOM as an accessory of the scanned image; Harbor's SBOM summary, as JSON, for core. */
    String store(ScanJobRequest.Scan scan, String report, Instant started, TaskContext context) throws IOException {
        JsonNode parsed;
        try {
            parsed = json.readTree(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ScannerAdapter.AdapterException(200, "the SBOM report is not JSON: " + e.getOriginalMessage());
        }
        Instant created = generatedAt(parsed.path("generated_at").asText(null), started);
        Path file = Files.createTempFile("berth-sbom", ".json");
        try {
            SbomAccessory.Document doc;
            try {
                doc = SbomAccessory.extract(report, file);
            } catch (IllegalArgumentException e) { // the adapter's answer is not the spec's: trying again gets the same
                throw new ScannerAdapter.AdapterException(200, e.getMessage());
            }
            OciClient registry = tokens.localRegistry(ScanRunner.SUBJECT);
            Manifest subject = registry.manifest(scan.repository(), scan.digest());
            String digest = SbomAccessory.push(registry, scan.repository(),
                    new SbomAccessory.Subject(scan.digest(), subject.mediaType(), subject.content().length), doc, created);
            context.log("pushed the SBOM (" + doc.size() + " bytes) as accessory " + scan.repository() + "@" + digest);
            Instant ended = Instant.now();
            ObjectNode summary = json.createObjectNode();
            summary.put("start_time", started.toString());
            summary.put("end_time", ended.toString());
            summary.put("duration", Duration.between(started, ended).toSeconds());
            summary.put("sbom_repository", scan.repository());
            summary.put("sbom_digest", digest);
            summary.put("scan_status", "Success");
            summary.set("scanner", parsed.path("scanner"));
            return json.writeValueAsString(summary);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Instant generatedAt(String text, Instant otherwise) {
        try {
            return text == null ? otherwise : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
