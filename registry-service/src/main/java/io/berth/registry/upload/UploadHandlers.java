package io.berth.registry.upload;

import io.berth.common.digest.Digest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.api.OciErrorWithHeaders;
import io.berth.registry.api.RegistryHeaders;
import io.berth.registry.auth.Authorizer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import static io.berth.registry.api.Guard.guarded;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/** The upload endpoints: {@code POST …/blobs/uploads/}, and {@code PATCH}/{@code PUT}/{@code GET}/{@code DELETE …/blobs/uploads/<id>}. */
@ApplicationScoped
public class UploadHandlers {
    private final UploadService uploads;
    private final UploadSessions sessions;

    UploadHandlers(UploadService uploads, UploadSessions sessions) {
        this.uploads = uploads;
        this.sessions = sessions;
    }

    /** Starts an upload, or mounts ({@code mount=&from=}), or takes a whole blob at once ({@code digest=}). */
    public void start(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        HttpServerRequest request = rc.request();
        String mount = request.getParam("mount");
        if (mount != null) {
            Digest digest = Digest.parse(mount);
            String from = request.getParam("from");
            if (from != null) {
                RepositoryName.parse(from);
            }
            uploads.mount(repository, digest, from, Authorizer.accessOf(rc), rc.get("request_id")).compose(mounted -> {
                if (mounted) {
                    created(rc, repository, digest);
                    return Future.succeededFuture();
                }
                return startSession(rc, repository);
            }).onFailure(rc::fail);
            return;
        }
        String digestParam = request.getParam("digest");
        if (digestParam != null) {
            Digest digest = Digest.parse(digestParam);
            // The client of a monolithic upload is given no Location: nobody can resume or cancel it. One that
            // fails (storage full, the client gone, the database out of reach) is discarded with what it wrote at
            // once; kept, its bytes held the storage until the purge (a day), and a full disk stayed full.
            uploads.open(repository)
                    .compose(session -> uploads.receive(session, request)
                            .compose(received -> uploads.complete(repository, received, digest, Authorizer.accessOf(rc), rc.get("request_id")))
                            .recover(e -> uploads.cancel(session).transform(ignored -> Future.failedFuture(e))))
                    .onSuccess(size -> created(rc, repository, digest))
                    .onFailure(rc::fail);
            return;
        }
        startSession(rc, repository).onFailure(rc::fail);
    }

    private Future<Void> startSession(RoutingContext rc, RepositoryName repository) {
        rc.request().resume();
        return uploads.open(repository).onSuccess(session -> accepted(rc, repository, session.id(), 0, 202)).mapEmpty();
    }

    /** Appends a chunk; out of order (Content-Range not at the end) is 416 with the Range received so far. */
    public void patch(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        claim(rc, repository).compose(session -> checkContentRange(rc, repository, session)
                .compose(v -> uploads.receive(session, rc.request()).compose(uploads::suspend))
                .onSuccess(size -> accepted(rc, repository, session.id(), size, 202)))
                .onFailure(rc::fail);
    }

    /** Completes an upload with {@code digest=}, after appending the body if there is one (its Content-Range checked as a PATCH's). */
    public void complete(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        String digestParam = rc.request().getParam("digest");
        if (digestParam == null) {
            throw new OciException(OciErrorCode.DIGEST_INVALID, "the digest parameter is required to complete an upload");
        }
        Digest digest = Digest.parse(digestParam);
        claim(rc, repository)
                // a last chunk sent with the PUT must continue the bytes received, as a PATCH's must (416 if not)
                .compose(session -> checkContentRange(rc, repository, session).compose(v -> uploads.receive(session, rc.request())))
                .compose(received -> uploads.complete(repository, received, digest, Authorizer.accessOf(rc), rc.get("request_id")))
                .onSuccess(size -> created(rc, repository, digest))
                .onFailure(rc::fail);
    }

    public void status(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        sessions.find(uploadId(rc), repository.value()).onSuccess(guarded(rc, session -> {
            if (session == null) {
                rc.fail(unknown(rc));
            } else {
                accepted(rc, repository, session.id(), session.size(), 204);
            }
        })).onFailure(rc::fail);
    }

    /** Cancels an upload once it claims it, as a chunk does: while another request writes to it, the cancel is refused. */
    public void cancel(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        claim(rc, repository)
                .compose(session -> uploads.cancel(session)
                        .recover(e -> sessions.release(session).transform(ignored -> Future.failedFuture(e))))
                .onSuccess(v -> rc.response().setStatusCode(204).end())
                .onFailure(rc::fail);
    }

    private Future<UploadSession> claim(RoutingContext rc, RepositoryName repository) {
        return sessions.claim(uploadId(rc), repository.value())
                .recover(e -> Future.failedFuture(e instanceof UploadSessions.Busy busy
                        // with when to try again: the holder's lease ends then at the latest (a dead one's lapses)
                        ? new OciErrorWithHeaders(OciErrorCode.BLOB_UPLOAD_INVALID, "another request is writing to this upload",
                                Map.of("Retry-After", Long.toString(busy.retryAfterSeconds())))
                        : e))
                .compose(session -> session == null ? Future.failedFuture(unknown(rc)) : Future.succeededFuture(session));
    }

    /**
     * Succeeds when the request's Content-Range (if any) continues the bytes received; otherwise gives the
     * session back, and only then fails with 416: a client that asks for the status and sends the right
     * chunk at once must find the session free, not still claimed by the refused request.
     */
    private Future<Void> checkContentRange(RoutingContext rc, RepositoryName repository, UploadSession session) {
        String problem = contentRangeProblem(rc.request().getHeader("Content-Range"), rc.request().getHeader("Content-Length"),
                session.size());
        if (problem == null) {
            return Future.succeededFuture();
        }
        OciException refusal = new OciErrorWithHeaders(OciErrorCode.RANGE_INVALID, problem, Map.of(
                "Location", location(repository, session.id()),
                "Range", range(session.size()),
                RegistryHeaders.UPLOAD_UUID, session.id().toString()));
        return sessions.release(session).transform(released -> Future.failedFuture(refusal));
    }

    /**
     * What is wrong with a chunk's Content-Range for an upload that holds {@code received} bytes, or null when
     * it has none or it fits. {@code contentLength} is as Netty let it through: absent or a non-negative number.
     */
    static String contentRangeProblem(String header, String contentLength, long received) {
        if (header == null) {
            return null;
        }
        ContentRange range = ContentRange.parse(header);
        if (range == null) {
            return "malformed Content-Range: " + header;
        }
        if (range.start() != received) {
            return "Content-Range " + header + " does not continue the " + received + " bytes received";
        }
        if (range.end() < range.start() - 1) {
            return "malformed Content-Range: " + header;
        }
        if (contentLength != null && Long.parseLong(contentLength) != range.end() - range.start() + 1) {
            return "Content-Range " + header + " announces " + (range.end() - range.start() + 1) + " bytes, Content-Length " + contentLength;
        }
        return null;
    }

    private static UUID uploadId(RoutingContext rc) {
        try {
            return UUID.fromString(rc.pathParam("uuid"));
        } catch (IllegalArgumentException e) {
            throw unknown(rc);
        }
    }

    private static OciException unknown(RoutingContext rc) {
        return new OciException(OciErrorCode.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry",
                Map.of("upload", String.valueOf(rc.pathParam("uuid"))));
    }

    private static String location(RepositoryName repository, UUID id) {
        return "/v2/" + repository + "/blobs/uploads/" + id;
    }

    /** The {@code Range} of an upload: the inclusive range of bytes received ({@code 0-0} before any). */
    private static String range(long size) {
        return "0-" + Math.max(0, size - 1);
    }

    private static void accepted(RoutingContext rc, RepositoryName repository, UUID id, long size, int status) {
        rc.response().setStatusCode(status)
                .putHeader("Location", location(repository, id))
                .putHeader("Range", range(size))
                .putHeader(RegistryHeaders.UPLOAD_UUID, id.toString())
                .putHeader("Content-Length", "0")
                .end();
    }

    private static void created(RoutingContext rc, RepositoryName repository, Digest digest) {
        rc.response().setStatusCode(201)
                .putHeader("Location", "/v2/" + repository + "/blobs/" + digest)
                .putHeader(RegistryHeaders.CONTENT_DIGEST, digest.toString())
                .putHeader("Content-Length", "0")
                .end();
    }

}
