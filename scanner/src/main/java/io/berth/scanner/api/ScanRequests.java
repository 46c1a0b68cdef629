package io.berth.scanner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.digest.Digest;
import io.berth.common.media.MediaTypes;
import io.berth.common.oci.RepositoryName;
import io.berth.scanner.image.RegistryAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a scan request before it is queued: malformed JSON is a 400; a missing or invalid field (registry URL,
 * authorization scheme, repository name, digest, an index or a non-image MIME type, an unknown capability or SBOM
 * format) a 422 naming it, so that nothing is queued that cannot run.
 */
@ApplicationScoped
public class ScanRequests {
    public static final String VULNERABILITY = "vulnerability";
    public static final String SBOM = "sbom";

    /** A request that can run, with the capabilities and SBOM formats it enabled. */
    public record Valid(ScanRequest request, Set<String> capabilities, Set<String> sbomFormats) {}

    private final ObjectMapper json;

    public ScanRequests(ObjectMapper json) {
        this.json = json;
    }

    public Valid parse(byte[] body) {
        ScanRequest request;
        try {
            request = json.readValue(body, ScanRequest.class);
        } catch (JsonProcessingException e) {
            throw new AdapterException(400, "the scan request is not valid JSON of the ScanRequest shape: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new AdapterException(400, "the scan request could not be read");
        }
        if (request == null || request.registry() == null || request.artifact() == null) {
            throw new AdapterException(422, "registry and artifact are required");
        }
        String url = request.registry().url();
        if (url == null || url.isBlank()) {
            throw new AdapterException(422, "registry.url is required");
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new AdapterException(422, "registry.url must be an http:// or https:// URL: " + url);
        }
        try {
            RegistryAccess.client(url, request.registry().authorization());
        } catch (IllegalArgumentException e) {
            throw new AdapterException(422, e.getMessage());
        }
        ScanRequest.Artifact artifact = request.artifact();
        if (artifact.repository() == null || artifact.repository().isBlank()) {
            throw new AdapterException(422, "artifact.repository is required");
        }
        try {
            RepositoryName.parse(artifact.repository());
        } catch (RuntimeException e) {
            throw new AdapterException(422, "artifact.repository is not a valid repository name: " + artifact.repository());
        }
        if (artifact.digest() == null || artifact.digest().isBlank()) {
            throw new AdapterException(422, "artifact.digest is required");
        }
        try {
            Digest.parse(artifact.digest());
        } catch (RuntimeException e) {
            throw new AdapterException(422, "artifact.digest is not a valid digest: " + artifact.digest());
        }
        String mimeType = artifact.mimeType();
        if (mimeType != null && !mimeType.isBlank()) {
            String essence = MediaTypes.essence(mimeType);
            if (MediaTypes.isIndex(essence)) {
                throw new AdapterException(422, "artifact.mime_type " + essence
                        + " is an index: Harbor scans the manifest of each platform; send those");
            }
            if (!ReportTypes.CONSUMES.contains(essence)) {
                throw new AdapterException(422, "artifact.mime_type " + essence + " is not an image manifest the scanner reads ("
                        + String.join(", ", ReportTypes.CONSUMES) + ")");
            }
        }
        Set<String> capabilities = new LinkedHashSet<>();
        Set<String> formats = new LinkedHashSet<>();
        List<ScanRequest.EnabledCapability> enabled = request.enabledCapabilities();
        if (enabled == null || enabled.isEmpty()) {
            capabilities.add(VULNERABILITY);
            capabilities.add(SBOM);
            formats.addAll(ReportTypes.SBOM_FORMATS);
        } else {
            for (ScanRequest.EnabledCapability c : enabled) {
                if (c == null || !(VULNERABILITY.equals(c.type()) || SBOM.equals(c.type()))) {
                    throw new AdapterException(422, "enabled_capabilities[].type must be 'vulnerability' or 'sbom'");
                }
                capabilities.add(c.type());
                if (SBOM.equals(c.type())) {
                    List<String> asked = c.parameters() == null ? null : c.parameters().sbomMediaTypes();
                    if (asked == null || asked.isEmpty()) {
                        formats.addAll(ReportTypes.SBOM_FORMATS);
                    } else {
                        for (String format : asked) {
                            if (!ReportTypes.SBOM_FORMATS.contains(format)) {
                                throw new AdapterException(422, "parameters.sbom_media_types: " + format + " is not one of "
                                        + String.join(", ", ReportTypes.SBOM_FORMATS));
                            }
                            formats.add(format);
                        }
                    }
                }
                if (c.producesMimeTypes() != null) {
                    for (String produced : c.producesMimeTypes()) {
                        if (!Reports.produces(c.type(), produced)) {
                            throw new AdapterException(422, "produces_mime_types: the scanner does not produce " + produced + " for " + c.type());
                        }
                    }
                }
            }
        }
        return new Valid(request, capabilities, formats);
    }
}
