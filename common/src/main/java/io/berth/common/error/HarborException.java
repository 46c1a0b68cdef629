package io.berth.common.error;

/**
 * An API failure in Harbor's terms: an HTTP status, a code such as NOT_FOUND, and a message for people;
 * written as Harbor's body ({@link ErrorBodies#harbor}) by the one mapper core-service and jobservice share
 * (service-support's {@code HarborExceptionMapper}), as {@link OciException} is on {@code /v2/}.
 */
public class HarborException extends RuntimeException {
    private final int status;
    private final String code;

    public HarborException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static HarborException badRequest(String message) {
        return new HarborException(400, "BAD_REQUEST", message);
    }

    public static HarborException unauthorized(String message) {
        return new HarborException(401, "UNAUTHORIZED", message);
    }

    public static HarborException forbidden(String message) {
        return new HarborException(403, "FORBIDDEN", message);
    }

    public static HarborException notFound(String message) {
        return new HarborException(404, "NOT_FOUND", message);
    }

    /** {@code found}, unless it is null: then a 404 saying that {@code what} is not found. */
    public static <T> T found(T found, String what) {
        if (found == null) {
            throw notFound(what + " not found");
        }
        return found;
    }

    public static HarborException conflict(String message) {
        return new HarborException(409, "CONFLICT", message);
    }

    public static HarborException preconditionFailed(String message) {
        return new HarborException(412, "PRECONDITION", message);
    }

    public static HarborException tooManyRequests(String message) {
        return new HarborException(429, "TOO_MANY_REQUESTS", message);
    }
}
