package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A candidate: a manifest or link of a repository (id, name, project), or a blob (repository id 0, no name). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcItem(long repositoryId, String repository, String project, String digest, long size) {}
