package io.berth.core.event;

import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.quarkus.redis.datasource.RedisDataSource;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A consumer group on the registry event stream ({@code berth:events:registry}): see {@link StreamGroup}. It handles the
 * event types it names; the others (pulls, mostly) are acknowledged unread.
 */
public abstract class RegistryEventGroup extends StreamGroup<RegistryEvent> {
    private final Set<String> types;

    /**
     * @param fromNow when the group is first created, start with the events that come after (for a
     *     consumer with nothing to do about the past); afterwards it goes on where it stopped
     * @param types the event types it handles
     */
    protected RegistryEventGroup(RedisDataSource redis, String group, boolean fromNow, Set<RegistryEvent.Type> types) {
        super(redis, RegistryEvent.STREAM, group, fromNow);
        this.types = types.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    /** A group of every event type. */
    protected RegistryEventGroup(RedisDataSource redis, String group, boolean fromNow) {
        this(redis, group, fromNow, EnumSet.allOf(RegistryEvent.Type.class));
    }

    @Override
    protected Predicate<String> wanted() {
        return types::contains;
    }

    @Override
    protected RegistryEvent decode(String payload) {
        return RegistryEventCodec.decode(payload);
    }
}
