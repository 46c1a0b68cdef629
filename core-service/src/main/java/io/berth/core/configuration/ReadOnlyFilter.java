package io.berth.core.configuration;

import io.berth.common.error.HarborException;
import io.berth.service.http.HarborExceptionMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * In {@code read_only} mode, API writes that change artifacts are refused (403), as pushes and deletes are on /v2/:
 * artifacts, tags, labels of artifacts and repositories, replication and retention runs, garbage collection.
 * Reads, scans, and every other setting (including turning {@code read_only} off) go on.
 */
public class ReadOnlyFilter {
    static final String MESSAGE = "Berth is in read-only mode (configuration read_only): nothing that changes artifacts "
            + "may be done until a system administrator turns it off";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern ARTIFACT_WRITES = Pattern.compile("^/api/v2\\.0/(?:"
            + "projects/[^/]+/repositories(?:/.*)?"
            + "|replication/executions(?:/.*)?"
            + "|retentions/[^/]+/executions(?:/.*)?"
            + "|system/gc/schedule)$");
    private static final Pattern SCAN = Pattern.compile("/artifacts/[^/]+/scan(?:/stop)?$");

    private final Configurations configurations;

    ReadOnlyFilter(Configurations configurations) {
        this.configurations = configurations;
    }

    @ServerRequestFilter
    public Optional<Response> refuseWrites(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (SAFE.contains(request.getMethod()) || !ARTIFACT_WRITES.matcher(path).matches() || SCAN.matcher(path).find()
                || !configurations.readOnly()) {
            return Optional.empty();
        }
        HarborException refusal = HarborException.forbidden(MESSAGE);
        return Optional.of(HarborExceptionMapper.body(refusal.status(), refusal.code(), refusal.getMessage()));
    }
}
