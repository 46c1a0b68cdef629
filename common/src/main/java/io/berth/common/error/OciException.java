package io.berth.common.error;

/** A request failed in a way the OCI error JSON describes; carries the code, a message and an optional detail. */
public class OciException extends RuntimeException {
    private final OciErrorCode code;
    private final Object detail;

    public OciException(OciErrorCode code) {
        this(code, code.message(), null);
    }

    public OciException(OciErrorCode code, String message) {
        this(code, message, null);
    }

    public OciException(OciErrorCode code, String message, Object detail) {
        super(message, null, false, false);
        this.code = code;
        this.detail = detail;
    }

    public OciErrorCode code() {
        return code;
    }

    public Object detail() {
        return detail;
    }

    public int status() {
        return code.status();
    }
}
