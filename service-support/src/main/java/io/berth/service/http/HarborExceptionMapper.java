package io.berth.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.common.error.ErrorBodies;
import io.berth.common.error.HarborException;
import io.berth.service.db.DatabaseErrors;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jboss.logging.Logger;

/**
 * The one place where the errors of core-service's and jobservice's JAX-RS resources are written, in Harbor's
 * shape {@code {"errors":[{"code","message"}]}}. A failure nobody anticipated is logged with its cause and
 * answered with a 500 that leaks nothing.
 *
 * <p>Not a {@code @Provider} here: service-support is on registry-service's class path too, and /v2/ speaks
 * OCI's errors. A service that answers in Harbor's shape registers it with an empty {@code @Provider}
 * subclass of its own.
 */
public class HarborExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(HarborExceptionMapper.class);
    /** Seconds a client is asked to wait after a database outage: a restart or failover takes a few (as registry-service asks). */
    static final String RETRY_AFTER_OUTAGE = "5";

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof HarborException h) {
            return body(h.status(), h.code(), h.getMessage());
        }
        if (failure instanceof JsonProcessingException || failure.getCause() instanceof JsonProcessingException) {
            return body(400, "BAD_REQUEST", "malformed JSON: " + rootMessage(failure));
        }
        if (failure instanceof WebApplicationException web && unconvertibleParameter(web)) {
            return body(400, "BAD_REQUEST", "invalid parameter value: " + rootMessage(failure));
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500) {
                LOG.error("request failed", failure);
                return body(status, "INTERNAL_SERVER_ERROR", "internal server error");
            }
            return body(status, codeOf(status), web.getMessage());
        }
        if (DatabaseErrors.unavailableInJdbc(failure)) {
            LOG.errorf("database unavailable: %s", rootMessage(failure));
            return Response.fromResponse(body(503, "SERVICE_UNAVAILABLE", "the database is unavailable; try again"))
                    .header("Retry-After", RETRY_AFTER_OUTAGE).build();
        }
        LOG.error("unexpected failure", failure);
        return body(500, "INTERNAL_SERVER_ERROR", "internal server error");
    }

    public static Response body(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBodies.harbor(code, message)).build();
    }

    /**
     * Quarkus REST reports a path or query parameter it cannot convert (page_size=abc, /users/abc) as a
     * NotFoundException, a header or form parameter as a BadRequestException, each caused by the conversion
     * failure; a path that matches no resource is a NotFoundException without a cause, and stays a 404.
     */
    private static boolean unconvertibleParameter(WebApplicationException web) {
        return (web instanceof NotFoundException || web instanceof BadRequestException) && web.getCause() != null
                && !(web.getCause() instanceof WebApplicationException);
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 412 -> "PRECONDITION";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "ERROR";
        };
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
