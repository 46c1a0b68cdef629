package io.berth.gateway.proxy;

import io.berth.common.error.ErrorBodies;
import io.berth.common.error.OciErrorCode;
import io.vertx.core.http.HttpServerResponse;

/** What the client sees when the service behind is down, slow or breaks off: an error in its protocol. */
final class ProxyErrors {
    private ProxyErrors() {}

    static void unavailable(HttpServerResponse response, Backend backend, String why) {
        write(response, backend, 503, OciErrorCode.UNAVAILABLE, "SERVICE_UNAVAILABLE",
                backend.name() + " is unavailable: " + why);
    }

    static void badGateway(HttpServerResponse response, Backend backend, String why) {
        write(response, backend, 502, OciErrorCode.BAD_GATEWAY, "BAD_GATEWAY",
                backend.name() + " did not answer properly: " + why);
    }

    private static void write(HttpServerResponse response, Backend backend, int status, OciErrorCode ociCode,
            String harborCode, String message) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        String body = backend.errorFormat() == Backend.ErrorFormat.OCI
                ? ErrorBodies.oci(ociCode, message, null)
                : ErrorBodies.harbor(harborCode, message);
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }
}
