package io.berth.registry.api;

import io.berth.common.error.ErrorBodies;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.registry.auth.Unauthorized;
import io.berth.registry.storage.StorageException;
import io.berth.service.db.DatabaseErrors;
import java.util.Map;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * The one place where /v2/ errors are written, as the OCI error JSON with the spec's status. Route
 * handlers only fail the context. Unexpected failures are logged with their cause and answered with
 * a generic 500 that leaks nothing.
 */
public final class OciFailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(OciFailureHandler.class);
    /** Seconds a client is asked to wait after an outage of the database or storage: a restart or failover takes a few. */
    static final String RETRY_AFTER_OUTAGE = "5";

    @Override
    public void handle(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.closed()) {
            Throwable failure = rc.failure();
            if (failure != null && !(failure instanceof java.io.IOException || failure instanceof HttpClosedException
                    || failure instanceof OciException)) {
                // nothing can be answered any more, but this is not a client going away: say so
                LOG.errorf(failure, "failure on %s %s after its answer began or its client left", rc.request().method(),
                        rc.request().path());
            }
            if (!response.closed()) {
                response.reset();
            }
            return;
        }
        OciException error = translate(rc);
        if (error instanceof Unauthorized u) {
            response.putHeader("WWW-Authenticate", u.challenge());
        }
        if (error instanceof OciErrorWithHeaders withHeaders) {
            withHeaders.headers().forEach(response::putHeader);
        }
        response.setStatusCode(error.status())
                .putHeader(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE)
                .putHeader("Content-Type", "application/json; charset=utf-8");
        if ("HEAD".equals(rc.request().method().name())) {
            response.end();
        } else {
            response.end(ErrorBodies.oci(error));
        }
    }

    private static OciException translate(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure instanceof OciException oci) {
            return oci;
        }
        if (failure == null) {
            int status = rc.statusCode();
            if (status == 404) {
                return new OciException(OciErrorCode.ENDPOINT_UNKNOWN, "no such endpoint: " + rc.request().path());
            }
            if (status == 405) {
                return new OciException(OciErrorCode.METHOD_UNSUPPORTED);
            }
            return new OciException(OciErrorCode.UNKNOWN, "request failed with status " + status);
        }
        if (failure instanceof io.berth.registry.upload.UploadSessions.LeaseLost lost) {
            return new OciException(OciErrorCode.BLOB_UPLOAD_INVALID, lost.getMessage() + "; ask for the upload's status and go on from it");
        }
        if (failure instanceof StorageException storage) {
            LOG.errorf(failure, "storage failure on %s %s", rc.request().method(), rc.request().path());
            return new OciErrorWithHeaders(OciErrorCode.UNAVAILABLE, "storage is unavailable (" + storage.driver() + ")",
                    Map.of("Retry-After", RETRY_AFTER_OUTAGE));
        }
        switch (DatabaseErrors.classify(failure)) {
            case CONFLICT -> {
                LOG.warnf("transaction conflict on %s %s: %s", rc.request().method(), rc.request().path(), failure.getMessage());
                return new OciErrorWithHeaders(OciErrorCode.UNAVAILABLE, "the request conflicted with a concurrent one; retry it",
                        Map.of("Retry-After", "1"));
            }
            case UNAVAILABLE -> {
                LOG.errorf("database failure on %s %s: %s", rc.request().method(), rc.request().path(), failure.toString());
                return new OciErrorWithHeaders(OciErrorCode.UNAVAILABLE, "metadata database is unavailable",
                        Map.of("Retry-After", RETRY_AFTER_OUTAGE));
            }
            case OTHER -> {
                // a violated constraint, a bad statement, or no database failure at all: a bug of ours, not an outage
            }
        }
        LOG.errorf(failure, "unexpected failure on %s %s", rc.request().method(), rc.request().path());
        return new OciException(OciErrorCode.UNKNOWN, "internal error");
    }
}
