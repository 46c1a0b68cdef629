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

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
