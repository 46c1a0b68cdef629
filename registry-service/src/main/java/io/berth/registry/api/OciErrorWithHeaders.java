package io.berth.registry.api;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import java.util.Map;

/** An OCI error whose response needs headers besides the body (Range, Content-Range, Location). */
public class OciErrorWithHeaders extends OciException {
    private final Map<String, String> headers;

    public OciErrorWithHeaders(OciErrorCode code, String message, Map<String, String> headers) {
        super(code, message);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }
}
