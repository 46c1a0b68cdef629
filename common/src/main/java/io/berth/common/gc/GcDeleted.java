package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** What a collect deleted (or, in a dry run, would delete): kind {@code M} manifest, {@code L} link, {@code B} blob, {@code O} orphan; a manifest's tags. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcDeleted(String kind, String repository, String digest, List<String> tags, long size) {}
