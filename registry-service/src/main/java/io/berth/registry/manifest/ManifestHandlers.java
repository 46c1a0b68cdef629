package io.berth.registry.manifest;

import io.berth.common.config.RegistryConfig;
import io.berth.common.digest.Digest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.event.RegistryEvent;
import io.berth.common.media.MediaTypes;
import io.berth.common.oci.RepositoryName;
import io.berth.common.oci.Tag;
import io.berth.registry.api.RegistryHeaders;
import io.berth.registry.auth.Authorizer;
import io.berth.registry.event.PullRecorder;
import io.berth.registry.memory.MemoryBudget;
import io.berth.registry.policy.PullPolicies;
import io.berth.registry.signature.ContentTrust;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import static io.berth.registry.api.Guard.guarded;

import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code GET}/{@code HEAD}/{@code PUT}/{@code DELETE /v2/<name>/manifests/<reference>}. */
@ApplicationScoped
public class ManifestHandlers {
    /** The spec's limit for a manifest body. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    /**
     * Heap a push may take per byte of manifest while it is read, parsed, checked and stored (the body,
     * its copy, the parsed tree, the rows of its references). With 32 pushes of a 3 MiB manifest at once
     * into a 128 MiB heap, reserving 1× ran out of memory, 2× did not; 8× leaves room for the stored case.
     */
    static final int HEAP_PER_MANIFEST_BYTE = 8;
    /**
     * Manifests up to this size (nearly all: an image's is a few KiB, an index of 100 platforms ~50 KiB)
     * are pushed without reserving, so a slow sender of a large one never holds up ordinary pushes.
     */
    static final int UNRESERVED_MANIFEST_BYTES = 256 << 10;

    private final Pool db;
    private final ManifestStore manifests;
    private final ManifestService service;
    private final PullRecorder pulls;
    private final Vertx vertx;
    /** A push must send its body within this (registry.manifest_body_timeout; 0: no limit): a stalled sender gives its reservation back. */
    private final long bodyTimeoutMillis;
    /** A manifest fetched by digest whose last use is older than this is confirmed (half of registry.gc_grace). */
    private final java.time.Duration confirmAfter;
    /** What large manifest pushes together may hold in memory. */
    private final MemoryBudget pushes = MemoryBudget.shareOfHeap(4);

    ManifestHandlers(Pool db, ManifestStore manifests, ManifestService service, PullRecorder pulls, Vertx vertx, RegistryConfig registry) {
        this.db = db;
        this.vertx = vertx;
        this.bodyTimeoutMillis = registry.manifestBodyTimeout().toMillis();
        this.confirmAfter = registry.gcGrace().dividedBy(2);
        this.manifests = manifests;
        this.service = service;
        this.pulls = pulls;
    }

    /** The hot path of every image pull: one indexed query, the stored bytes as pushed. */
    public void get(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        String reference = rc.pathParam("reference");
        boolean byDigest = Digest.looksLikeDigest(reference);
        if (byDigest) {
            Digest.parse(reference);
        } else {
            Tag.validate(reference);
        }
        boolean head = "HEAD".equals(rc.request().method().name());
        (byDigest ? manifests.findConfirming(db, repository.value(), reference, confirmAfter)
                : manifests.findForPull(db, repository.value(), reference)).onSuccess(guarded(rc, found -> {
            if (found == null) {
                rc.fail(new OciException(OciErrorCode.MANIFEST_UNKNOWN, "manifest unknown to registry",
                        Map.of("name", repository.value(), "reference", reference)));
                return;
            }
            // the scanner pulls what policies refuse to others, as in Harbor: it must read an image to judge it
            boolean scanner = PullPolicies.byScanner(Authorizer.accessOf(rc));
            if (found.unsigned() != null && !scanner) {
                rc.fail(ContentTrust.refusal(repository, found.digest(), found.unsigned()));
                return;
            }
            OciException refused = head ? null : PullPolicies.refusal(found.pullRefusal(), Authorizer.accessOf(rc));
            if (refused != null) {
                rc.fail(refused);
                return;
            }
            if (!byDigest && !acceptable(rc.request(), found.mediaType())) {
                rc.fail(new OciException(OciErrorCode.MANIFEST_UNKNOWN, "manifest of type " + found.mediaType()
                        + " is not among the types the request accepts", Map.of("mediaType", found.mediaType())));
                return;
            }
            var response = rc.response()
                    .putHeader("Content-Type", found.mediaType())
                    .putHeader(RegistryHeaders.CONTENT_DIGEST, found.digest())
                    .putHeader("ETag", "\"" + found.digest() + "\"")
                    .putHeader("Content-Length", Integer.toString(found.content().length));
            if (found.subjectDigest() != null) {
                response.putHeader(RegistryHeaders.OCI_SUBJECT, found.subjectDigest());
            }
            if (head) {
                response.end();
            } else {
                response.end(Buffer.buffer(found.content()));
                pulls.record(ManifestService.event(RegistryEvent.Type.PULL_ARTIFACT, repository, Digest.parse(found.digest()),
                        byDigest ? List.of() : List.of(reference), found.mediaType(), found.totalSize(),
                        Authorizer.accessOf(rc), rc.get("request_id")), found.repositoryId());
            }
        })).onFailure(rc::fail);
    }

    /**
     * Whether the stored type may be served by tag. No Accept, a wildcard, or the type itself: yes. Clients
     * that list only Docker types get OCI manifests anyway, as from CNCF Distribution; only a client
     * that accepts manifests but no index is refused an index. By digest, the client named the content
     * it wants and gets it whatever its Accept (the spec: a GET "MUST provide the expected manifest").
     */
    static boolean acceptable(HttpServerRequest request, String mediaType) {
        List<String> accepted = request.headers().getAll("Accept").stream()
                .flatMap(h -> java.util.Arrays.stream(h.split(","))).map(MediaTypes::essence).filter(a -> !a.isEmpty()).toList();
        if (accepted.isEmpty() || accepted.contains(mediaType) || accepted.contains("*/*") || !MediaTypes.isIndex(mediaType)) {
            return true;
        }
        return accepted.stream().noneMatch(MediaTypes::isManifest);
    }

    /** A push may name this many tags with {@code ?tag=} (the spec: SHOULD support at least 10). */
    static final int MAX_TAG_PARAMS = 100;

    public void put(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        String reference = rc.pathParam("reference");
        HttpServerRequest request = rc.request();
        List<String> tagParams = tagParams(request);
        String length = request.getHeader("Content-Length");
        long declared = length == null ? MAX_MANIFEST_BYTES : Long.parseLong(length); // Netty has checked it is a number
        if (declared > MAX_MANIFEST_BYTES) {
            rc.fail(tooLarge());
            return;
        }
        long cost = declared <= UNRESERVED_MANIFEST_BYTES ? 0 : HEAP_PER_MANIFEST_BYTE * declared;
        (cost == 0 ? readLimited(rc) : pushes.reserve(cost).compose(admitted -> readLimited(rc)))
                .compose(body -> service.put(repository, reference, tagParams, body.getBytes(), request.getHeader("Content-Type"),
                        Authorizer.accessOf(rc), rc.get("request_id")))
                .andThen(done -> {
                    if (cost > 0) {
                        pushes.give(cost);
                    }
                })
                .onSuccess(guarded(rc, pushed -> {
                    var response = rc.response().setStatusCode(201)
                            .putHeader("Location", "/v2/" + repository + "/manifests/" + pushed.digest())
                            .putHeader(RegistryHeaders.CONTENT_DIGEST, pushed.digest().toString())
                            .putHeader("Content-Length", "0");
                    if (pushed.manifest().subject() != null) {
                        response.putHeader(RegistryHeaders.OCI_SUBJECT, pushed.manifest().subject().digest().toString());
                    }
                    if (!tagParams.isEmpty()) {
                        response.putHeader(RegistryHeaders.OCI_TAG, String.join(", ", pushed.tags()));
                    }
                    response.end();
                })).onFailure(rc::fail);
    }

    /** The {@code tag} query parameters, each a valid tag, in the order given, at most {@link #MAX_TAG_PARAMS}. */
    private static List<String> tagParams(HttpServerRequest request) {
        List<String> tags = request.params().getAll("tag");
        if (tags.size() > MAX_TAG_PARAMS) {
            throw new OciException(OciErrorCode.TOO_MANY_TAGS, "a push may name at most " + MAX_TAG_PARAMS + " tags, this one names "
                    + tags.size(), Map.of("tags", tags.size()));
        }
        tags.forEach(Tag::validate);
        return tags;
    }

    public void delete(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        String reference = rc.pathParam("reference");
        service.delete(repository, reference, Authorizer.accessOf(rc), rc.get("request_id")).onSuccess(guarded(rc, deleted -> {
            if (!deleted) {
                rc.fail(new OciException(OciErrorCode.MANIFEST_UNKNOWN, "manifest unknown to registry",
                        Map.of("name", repository.value(), "reference", reference)));
            } else {
                rc.response().setStatusCode(202).putHeader("Content-Length", "0").end();
            }
        })).onFailure(rc::fail);
    }

    /**
     * The body, refused with 413 beyond {@link #MAX_MANIFEST_BYTES} while it is read, and with 400 if it
     * has not all arrived within the body timeout; the connection of a sender that was too slow is closed
     * once it has its answer, so that it holds nothing more here.
     */
    private Future<Buffer> readLimited(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.response().closed()) {
            return Future.failedFuture(new IOException("the client went away before its manifest was read"));
        }
        var promise = io.vertx.core.Promise.<Buffer>promise();
        request.response().closeHandler(v -> promise.tryFail(new IOException("the client went away while its manifest was read")));
        if (bodyTimeoutMillis > 0) {
            long timer = vertx.setTimer(bodyTimeoutMillis, id -> {
                if (!promise.future().isComplete()) {
                    closeOnceAnswered(rc);
                    promise.fail(new OciException(OciErrorCode.MANIFEST_INVALID, "the manifest did not arrive within "
                            + (bodyTimeoutMillis >= 1000 ? bodyTimeoutMillis / 1000 + " s" : bodyTimeoutMillis + " ms")));
                }
            });
            promise.future().onComplete(done -> vertx.cancelTimer(timer));
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return; // refused (too late, or the client left): what still arrives is dropped
            }
            if (body.length() + chunk.length() > MAX_MANIFEST_BYTES) {
                promise.tryFail(tooLarge());
                request.pause();
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }

    /**
     * Refusing a sender too slow to finish its body: over HTTP/1.x the connection cannot carry another
     * request, so it is closed once the answer is out instead of waiting for the idle timeout (what still
     * trickles in until then is dropped). Over HTTP/2 the answer ends the stream alone. Not for a body
     * refused as too large: that one is paused, and closing with its bytes unread would reset the
     * connection under an answer the client may not have read yet.
     */
    private static void closeOnceAnswered(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.version() != HttpVersion.HTTP_2) {
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            rc.addEndHandler(ended -> request.connection().close());
        }
    }

    private static OciException tooLarge() {
        return new OciException(OciErrorCode.MANIFEST_TOO_LARGE, "manifest exceeds " + MAX_MANIFEST_BYTES + " bytes");
    }
}
