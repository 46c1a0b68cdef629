package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One page of the orphan sweep: how many stored objects it listed; the orphans deleted (a dry run: that would be);
 * how many objects were modified after the cutoff and not judged ({@code young}); how many orphans an upload held
 * ({@code busy}: left for the next run);
 * failures, one line each; the bytes freed; where the next page starts ({@code next}, null on the last page).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcSwept(int listed, List<Orphan> deleted, int young, int busy, List<String> failures, long bytes, String next) {

    /** A stored object without a row: its storage path, the blob's digest (null for upload data), its size. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Orphan(String path, String digest, long size) {}
}
