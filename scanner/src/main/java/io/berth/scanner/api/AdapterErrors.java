package io.berth.scanner.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;

/** Every error of the adapter API in the spec's shape, {@code {"error":{"message":"..."}}}; a 5xx's cause is logged, not sent. */
@Provider
public class AdapterErrors implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(AdapterErrors.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof AdapterException a) {
            return body(a.status(), a.getMessage());
        }
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            return body(status, status == 404 ? "not found" : status == 405 ? "method not allowed" : w.getMessage());
        }
        LOG.error("adapter API request failed", e);
        return body(500, "internal server error");
    }

    static Response body(int status, String message) {
        try {
            return Response.status(status).type(ReportTypes.ERROR)
                    .entity(JSON.writeValueAsString(Map.of("error", Map.of("message", message == null ? "" : message)))).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
