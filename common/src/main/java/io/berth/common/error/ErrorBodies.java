package io.berth.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two error shapes Berth speaks: the OCI error JSON under /v2, Harbor's under /api and /service. */
public final class ErrorBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {}

    /** {@code {"errors":[{"code","message","detail"}]}} */
    public static String oci(OciErrorCode code, String message, Object detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.wireCode());
        error.put("message", message == null ? code.message() : message);
        if (detail != null) {
            error.put("detail", detail);
        }
        return write(Map.of("errors", List.of(error)));
    }

    public static String oci(OciException e) {
        return oci(e.code(), e.getMessage(), e.detail());
    }

    /** Harbor's {@code {"errors":[{"code","message"}]}} */
    public static String harbor(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return write(Map.of("errors", List.of(error)));
    }

    /**
     * The first error's message of a body in either shape (what another Berth service, or a registry, answered),
     * or {@code fallback} when the body holds none.
     */
    public static String firstMessage(com.fasterxml.jackson.databind.JsonNode body, String fallback) {
        String message = body == null ? null : body.path("errors").path(0).path("message").asText(null);
        return message == null || message.isBlank() ? fallback : message;
    }

    /** As {@link #firstMessage(com.fasterxml.jackson.databind.JsonNode, String)}, from the body's text (not JSON: the text itself). */
    public static String firstMessage(String body, String fallback) {
        if (body == null || body.isBlank()) {
            return fallback;
        }
        try {
            return firstMessage(JSON.readTree(body), body.strip());
        } catch (JsonProcessingException e) {
            return body.strip();
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
