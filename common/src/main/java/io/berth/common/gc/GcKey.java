package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Where a page of candidates ends (keyset): a repository id and a digest; blobs have repository id 0. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcKey(long repositoryId, String digest) {}
