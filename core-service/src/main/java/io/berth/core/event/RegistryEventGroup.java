package io.berth.core.event;

import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.quarkus.redis.datasource.RedisDataSource;

/** A consumer group on the registry event stream ({@code berth:events:registry}): see {@link StreamGroup}. */
public abstract class RegistryEventGroup extends StreamGroup<RegistryEvent> {

    /** A group that, when first created, reads the stream from its oldest event. */
    protected RegistryEventGroup(RedisDataSource redis, String group) {
        this(redis, group, false);
    }

    /**
     * @param fromNow when the group is first created, start with the events that come after (for a
     *     consumer with nothing to do about the past); afterwards it goes on where it stopped
     */
    protected RegistryEventGroup(RedisDataSource redis, String group, boolean fromNow) {
        super(redis, RegistryEvent.STREAM, group, fromNow);
    }

    @Override
    protected RegistryEvent decode(String payload) {
        return RegistryEventCodec.decode(payload);
    }
}
