package io.berth.core.scan;

import io.berth.common.event.RegistryEvent;
import io.berth.core.event.RegistryEventGroup;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;

/**
 * Scan on push: each pushed image manifest of a project whose {@code auto_scan} is on is scanned
 * ({@link ScanService#scanPushed}), in the consumer group {@code core-scan} (one core replica handles each event); a scan
 * is recorded under the push event's id, so an event handled twice (a replica died before acknowledging it) scans once.
 * A batch is read again if jobservice cannot record the scans. From the group's creation on: earlier pushes are not scanned.
 */
@Singleton
public class ScanOnPush extends RegistryEventGroup {
    private final ScanService scans;

    ScanOnPush(RedisDataSource redis, ScanService scans) {
        super(redis, "core-scan", true, EnumSet.of(RegistryEvent.Type.PUSH_ARTIFACT));
        this.scans = scans;
    }

    @Override
    protected void handle(List<RegistryEvent> events) {
        for (RegistryEvent event : events) {
            if (event.type() == RegistryEvent.Type.PUSH_ARTIFACT) {
                scans.scanPushed(event);
            }
        }
    }
}
