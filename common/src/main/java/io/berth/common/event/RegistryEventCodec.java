package io.berth.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A {@link RegistryEvent} as it travels (the outbox row, the Redis stream's {@code event} field): JSON
 * with the record's field names and {@code occurredAt} as ISO-8601 text. registry-service encodes,
 * every consumer decodes, here only; fields a newer registry adds are ignored by an older consumer.
 */
public final class RegistryEventCodec {
    /** The stream entry's field that holds the event. */
    public static final String FIELD = "event";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RegistryEventCodec() {}

    public static String encode(RegistryEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write registry event " + event.id(), e);
        }
    }

    /** The event a payload holds; {@link IllegalArgumentException} if it is not one. */
    public static RegistryEvent decode(String json) {
        try {
            RegistryEvent event = JSON.readValue(json, RegistryEvent.class);
            if (event.id() == null || event.type() == null || event.repository() == null) {
                throw new IllegalArgumentException("not a registry event (id, type and repository are required): " + json);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a registry event: " + e.getOriginalMessage(), e);
        }
    }
}
