package io.berth.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * An execution of jobservice ended: a {@code REPLICATION} execution, which Harbor's {@code REPLICATION} webhook event
 * reports, or a {@code SCAN}/{@code SCAN_ALL} one, which Harbor's {@code SCANNING_*} events report per artifact. jobservice records that the event is due in the same statement that ends the execution and relays it
 * to the Redis stream {@link #STREAM} (field {@link #FIELD}, JSON with these field names), at least once; consumers
 * deduplicate by {@link #id}, which is the same on every relay of one execution's end.
 *
 * @param vendorType what ran ({@link #ON_STREAM})
 * @param vendorId the policy that ran (a scan-all's schedule; 0 for a scan)
 * @param status how it ended: {@code Success}, {@code Error} or {@code Stopped}
 * @param trigger {@code MANUAL}, {@code SCHEDULE} or {@code EVENT}
 */
public record ExecutionEvent(String id, String vendorType, long executionId, long vendorId, String status, String trigger,
        Instant startTime, Instant endTime) {

    public static final String STREAM = "berth:events:executions";
    public static final String FIELD = "event";
    public static final String REPLICATION = "REPLICATION";
    /** The kinds of execution whose end is relayed to {@link #STREAM}. */
    public static final java.util.Set<String> ON_STREAM = java.util.Set.of(REPLICATION, io.berth.common.job.ScanJobRequest.KIND,
            io.berth.common.job.ScanJobRequest.ALL_KIND);

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The event of execution {@code executionId}'s end; its id depends on the execution only. */
    public static ExecutionEvent ended(String vendorType, long executionId, long vendorId, String status, String trigger, Instant startTime,
            Instant endTime) {
        return new ExecutionEvent(vendorType.toLowerCase() + "-execution-" + executionId + "-ended", vendorType, executionId, vendorId, status,
                trigger, startTime, endTime);
    }

    public String encode() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write execution event " + id, e);
        }
    }

    /** The event a payload holds; {@link IllegalArgumentException} if it is not one. */
    public static ExecutionEvent decode(String json) {
        try {
            ExecutionEvent event = JSON.readValue(json, ExecutionEvent.class);
            if (event.id() == null || event.vendorType() == null || event.status() == null) {
                throw new IllegalArgumentException("not an execution event (id, vendorType and status are required): " + json);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an execution event: " + e.getOriginalMessage(), e);
        }
    }
}
