package io.berth.scanner.scan;

import io.berth.scanner.api.ScanRequest;
import io.berth.scanner.inventory.Inventory;
import java.time.Instant;
import java.util.Set;

/**
 * One accepted scan request. States: {@code QUEUED → RUNNING → (SUCCEEDED | FAILED)}; a finished scan is kept for
 * {@code berth.scanner.report_ttl} (its inventory, from which every report type is rendered on request) and then dropped.
 *
 * @param capabilities the capability types the request enabled ({@code vulnerability}, {@code sbom})
 * @param sbomFormats  the SBOM formats the request asked for (all when it named none)
 */
public final class Scan {
    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    private final String id;
    private final ScanRequest request;
    private final Set<String> capabilities;
    private final Set<String> sbomFormats;
    private final Instant accepted = Instant.now();
    private volatile State state = State.QUEUED;
    private volatile Inventory inventory;
    private volatile String failure;
    private volatile Instant finished;

    Scan(String id, ScanRequest request, Set<String> capabilities, Set<String> sbomFormats) {
        this.id = id;
        this.request = request;
        this.capabilities = Set.copyOf(capabilities);
        this.sbomFormats = Set.copyOf(sbomFormats);
    }

    public String id() {
        return id;
    }

    public ScanRequest request() {
        return request;
    }

    public Set<String> capabilities() {
        return capabilities;
    }

    public Set<String> sbomFormats() {
        return sbomFormats;
    }

    public State state() {
        return state;
    }

    public Inventory inventory() {
        return inventory;
    }

    public String failure() {
        return failure;
    }

    public Instant accepted() {
        return accepted;
    }

    public Instant finished() {
        return finished;
    }

    void running() {
        state = State.RUNNING;
    }

    void succeeded(Inventory inventory) {
        this.inventory = inventory;
        this.finished = Instant.now();
        this.state = State.SUCCEEDED;
    }

    void failed(String reason) {
        this.failure = reason;
        this.finished = Instant.now();
        this.state = State.FAILED;
    }
}
