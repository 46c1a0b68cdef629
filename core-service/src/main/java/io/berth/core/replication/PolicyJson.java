package io.berth.core.replication;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Harbor's ReplicationPolicy, as read and as sent; a null (or id 0) registry is this Berth. {@code deletion}
 * and {@code replicate_deletion} are the same setting, both written; {@code speed} 0 is unlimited.
 */
public record PolicyJson(Long id, String name, String description, RegistryRef srcRegistry, RegistryRef destRegistry,
        String destNamespace, Integer destNamespaceReplaceCount, Trigger trigger, List<ReplicationPolicy.Filter> filters,
        Boolean deletion, Boolean replicateDeletion, Boolean override, Boolean enabled, Integer speed, Boolean copyByChunk,
        OffsetDateTime creationTime, OffsetDateTime updateTime) {

    public record RegistryRef(Long id, String name) {}

    public record TriggerSettings(String cron) {}

    public record Trigger(String type, TriggerSettings triggerSettings) {}
}
