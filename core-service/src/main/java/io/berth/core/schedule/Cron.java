package io.berth.core.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.berth.common.error.HarborException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Harbor's six-field cron ({@code second minute hour day-of-month month day-of-week}, UTC), as replication
 * policies and the garbage-collection schedule take it.
 */
public final class Cron {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private Cron() {}

    /** Checks {@code cron}; a 400 naming {@code what} and the reason when it does not parse. */
    public static String validate(String cron, String what) {
        if (cron == null || cron.isBlank()) {
            throw HarborException.badRequest(what + " needs a cron");
        }
        try {
            PARSER.parse(cron.trim()).validate();
            return cron.trim();
        } catch (IllegalArgumentException e) {
            throw HarborException.badRequest("invalid cron '" + cron + "' (six fields: second minute hour day month weekday): "
                    + e.getMessage());
        }
    }

    /** The last instant at or before {@code now} the cron names, if any. */
    public static Optional<OffsetDateTime> last(String cron, ZonedDateTime now) {
        return ExecutionTime.forCron(PARSER.parse(cron)).lastExecution(now).map(ZonedDateTime::toOffsetDateTime);
    }

    /** The next instant after now the cron names, if any. */
    public static Optional<OffsetDateTime> next(String cron) {
        return ExecutionTime.forCron(PARSER.parse(cron)).nextExecution(ZonedDateTime.now(ZoneOffset.UTC)).map(ZonedDateTime::toOffsetDateTime);
    }
}
