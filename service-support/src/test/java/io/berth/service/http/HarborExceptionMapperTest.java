package io.berth.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import io.berth.common.error.HarborException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * What core-service's and jobservice's failures answer, in Harbor's shape. PostgreSQL going away answers 503
 * with Retry-After on core's API and token service, as on /v2: found by ChaosIT, where every
 * {@code GET /service/token} during a PostgreSQL restart was a 500. The exceptions are the ones Hibernate and
 * the driver threw there.
 */
class HarborExceptionMapperTest {
    private final HarborExceptionMapper mapper = new HarborExceptionMapper();

    @Test
    void aConnectionTheServerTerminatedIsA503WithRetryAfter() {
        // pg_ctl stop -m fast under an open connection: the server's FATAL, SQLSTATE 57P01 (admin_shutdown)
        Response r = mapper.toResponse(new GenericJDBCException("JDBC exception executing SQL [FATAL: terminating connection due to administrator command]",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat((String) r.getEntity()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
    }

    @Test
    void aRefusedConnectionIsA503() {
        // PostgreSQL down: Agroal cannot open a connection
        Response r = mapper.toResponse(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new PSQLException("Connection to 127.0.0.1:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void aClosedConnectionDeepInTheCausesIsA503() {
        Response r = mapper.toResponse(new IllegalStateException("commit failed",
                new RuntimeException(new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST))));
        assertThat(r.getStatus()).isEqualTo(503);
    }

    @Test
    void aCommitTheServerCutIsA503() {
        // Narayana's RollbackException, the driver's exception suppressed in Agroal's XAException
        XAException xa = new XAException("Error trying to transactionCommit local transaction: FATAL: terminating connection due to administrator command");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        Response r = mapper.toResponse(new RuntimeException("Error invoking subclass method", rollback));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void otherDatabaseErrorsAndBugsStay500s() {
        assertThat(mapper.toResponse(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "users_name_key")).getStatus()).isEqualTo(500);
        assertThat(mapper.toResponse(new GenericJDBCException("bad SQL", new SQLException("syntax error", "42601"))).getStatus()).isEqualTo(500);
        assertThat(mapper.toResponse(new NullPointerException()).getStatus()).isEqualTo(500);
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(mapper.toResponse(rollback).getStatus()).isEqualTo(500);
    }

    @Test
    void aHarborExceptionIsItsStatusCodeAndMessage() {
        Response r = mapper.toResponse(new HarborException(502, "UNREACHABLE", "cannot list the source registry"));
        assertThat(r.getStatus()).isEqualTo(502);
        assertThat(r.getMediaType().toString()).isEqualTo("application/json");
        assertThat((String) r.getEntity()).isEqualTo("{\"errors\":[{\"code\":\"UNREACHABLE\",\"message\":\"cannot list the source registry\"}]}");
        assertThat(r.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void malformedJsonAndUnconvertibleParametersAre400s() {
        Response json = mapper.toResponse(new JsonParseException(null, "Unexpected end-of-input\n at [Source: REDACTED]"));
        assertThat(json.getStatus()).isEqualTo(400);
        assertThat((String) json.getEntity()).contains("\"code\":\"BAD_REQUEST\"").contains("malformed JSON: Unexpected end-of-input\"");
        // page_size=abc, /users/abc: Quarkus REST's NotFoundException caused by the conversion failure
        Response query = mapper.toResponse(new NotFoundException(new NumberFormatException("For input string: \"abc\"")));
        assertThat(query.getStatus()).isEqualTo(400);
        assertThat((String) query.getEntity()).contains("invalid parameter value: For input string: \\\"abc\\\"");
        assertThat(mapper.toResponse(new BadRequestException(new IllegalArgumentException("not a date"))).getStatus()).isEqualTo(400);
    }

    @Test
    void otherJaxRsFailuresKeepTheirStatusAndA5xxSaysNothing() {
        Response unmatched = mapper.toResponse(new NotFoundException("no resource"));
        assertThat(unmatched.getStatus()).isEqualTo(404);
        assertThat((String) unmatched.getEntity()).contains("\"code\":\"NOT_FOUND\"").contains("no resource");
        Response method = mapper.toResponse(new NotAllowedException("GET"));
        assertThat(method.getStatus()).isEqualTo(405);
        assertThat((String) method.getEntity()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
        Response internal = mapper.toResponse(new InternalServerErrorException("secret detail"));
        assertThat(internal.getStatus()).isEqualTo(500);
        assertThat((String) internal.getEntity()).contains("INTERNAL_SERVER_ERROR").doesNotContain("secret detail");
        assertThat((String) mapper.toResponse(new IllegalStateException("secret detail")).getEntity())
                .isEqualTo("{\"errors\":[{\"code\":\"INTERNAL_SERVER_ERROR\",\"message\":\"internal server error\"}]}");
    }
}
