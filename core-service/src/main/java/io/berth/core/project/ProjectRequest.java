package io.berth.core.project;

import java.util.Map;

/** Harbor's ProjectReq: {@code project_name}, {@code public} (deprecated in Harbor, still accepted), {@code metadata}, {@code storage_limit}. */
public record ProjectRequest(String projectName, Boolean isPublic, Map<String, Object> metadata, Long storageLimit, Long registryId) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public ProjectRequest(@com.fasterxml.jackson.annotation.JsonProperty("project_name") String projectName,
            @com.fasterxml.jackson.annotation.JsonProperty("public") Boolean isPublic,
            @com.fasterxml.jackson.annotation.JsonProperty("metadata") Map<String, Object> metadata,
            @com.fasterxml.jackson.annotation.JsonProperty("storage_limit") Long storageLimit,
            @com.fasterxml.jackson.annotation.JsonProperty("registry_id") Long registryId) {
        this.projectName = projectName;
        this.isPublic = isPublic;
        this.metadata = metadata;
        this.storageLimit = storageLimit;
        this.registryId = registryId;
    }
}
