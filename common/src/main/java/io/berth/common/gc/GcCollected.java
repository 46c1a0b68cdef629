package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The outcome of a collect: what was deleted; how many were skipped because a push held them ({@code busy}) or found in use on the re-check ({@code inUse}); failures, one line each; the storage bytes freed (blobs only). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcCollected(List<GcDeleted> deleted, int busy, int inUse, List<String> failures, long bytes) {}
