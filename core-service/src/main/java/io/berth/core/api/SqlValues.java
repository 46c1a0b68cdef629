package io.berth.core.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values of native query results (other services' views), as the API shows them. */
public final class SqlValues {
    private SqlValues() {}

    /** A timestamp column, whichever Java type the driver chose, in UTC; null stays null. */
    public static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    /** A numeric column (count, sum, bigint) as a long; null is 0. */
    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
