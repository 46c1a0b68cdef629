package io.berth.registry.upload;

import io.berth.common.digest.Digest;
import io.berth.common.digest.DigestAlgorithm;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.auth.Access;
import io.berth.registry.blob.BlobLinks;
import io.berth.registry.memory.MemoryBudget;
import io.berth.registry.quota.Quotas;
import io.berth.registry.repository.Repositories;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.storage.StorageWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The life of a blob upload: bytes go to {@code _uploads/<id>/data} while their digest is computed;
 * a chunk's end saves the digest state and the driver's resume state with the session, so the next
 * chunk may land on any replica; completion checks the digest, moves the bytes to the blob's
 * content address and links the blob into the repository in one transaction. A blob is never
 * visible before its digest has matched.
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private final Pool db;
    private final Vertx vertx;
    private final StorageDriver storage;
    private final UploadSessions sessions;
    private final BlobLinks links;
    private final Repositories repositories;
    private final Quotas quotas;
    /**
     * What all uploads' bodies together may hold in (direct) memory: an eighth of the heap's size. Four
     * concurrent 1 GiB uploads peaked 11 MiB lower in RSS than with a quarter, and as fast.
     */
    private final MemoryBudget budget = MemoryBudget.shareOfHeap(8);

    UploadService(Pool db, Vertx vertx, StorageDriver storage, UploadSessions sessions, BlobLinks links,
            Repositories repositories, Quotas quotas) {
        this.db = db;
        this.vertx = vertx;
        this.storage = storage;
        this.sessions = sessions;
        this.links = links;
        this.repositories = repositories;
        this.quotas = quotas;
    }

    /** Bytes received into an upload's writer, not yet suspended or committed. */
    public record Received(UploadSession session, StorageWriter writer, ResumableDigest digest) {
        public long size() {
            return writer.size();
        }
    }

    public Future<UploadSession> open(RepositoryName repository) {
        UUID id = UUID.randomUUID();
        return sessions.create(id, repository.value())
                .map(v -> new UploadSession(id, repository.value(), 0, null, null, null, null));
    }

    /** Streams the request body onto the end of the upload. On failure the session is released unchanged. */
    public Future<Received> receive(UploadSession session, HttpServerRequest request) {
        String path = BlobPaths.uploadData(session.id());
        ResumableDigest digest = session.size() == 0 ? ResumableDigest.start(DigestAlgorithm.SHA256)
                : ResumableDigest.restore(DigestAlgorithm.SHA256, session.hashState());
        long renewal = session.claim() == null ? -1 : keepClaimed(session, request);
        return vertx.executeBlocking(() -> storage.writer(path, session.size(), session.driverState()), false)
                .compose(writer -> BodyPump.pump(vertx, budget, request, writer, digest)
                        .map(n -> new Received(session, writer, digest))
                        .onFailure(e -> vertx.executeBlocking(() -> {
                            writer.close();
                            return null;
                        }, false)))
                .andThen(done -> vertx.cancelTimer(renewal))
                .recover(e -> sessions.release(session).transform(ignored -> Future.failedFuture(e)));
    }

    /**
     * Renews the request's lease on the upload while its body arrives; if another request took the upload over
     * (this one was frozen past its lease), the connection is closed, so this request writes no more. The timer's id.
     */
    private long keepClaimed(UploadSession session, HttpServerRequest request) {
        return vertx.setPeriodic(UploadSessions.RENEW.toMillis(), timer -> sessions.renew(session).onComplete(renewed -> {
            if (renewed.succeeded() && !renewed.result()) {
                LOG.warnf("upload %s was taken over by another request: closing this one's connection", session.id());
                vertx.cancelTimer(timer);
                request.connection().close();
            }
        }));
    }

    /** Ends a chunk: its bytes are durable and the session records where the next one resumes. */
    public Future<Long> suspend(Received received) {
        return vertx.executeBlocking(received.writer()::suspend, false)
                .compose(driverState -> sessions.advance(received.session(), received.size(),
                        received.digest() == null ? null : received.digest().state(), driverState))
                .map(v -> received.size());
    }

    /**
     * Completes an upload as blob {@code expected}: DIGEST_INVALID (and the upload discarded) if the
     * bytes do not match; otherwise the blob is stored, linked into the repository, and the session ends.
     * All of it with the session's row locked, so nobody takes the upload over meanwhile; an upload that
     * was taken over from a writer that crashed or froze is checked by the digest of the bytes stored, as
     * that writer may have written past what was recorded. The link is charged to the project's quota: refused
     * (DENIED), the session still ends and the blob is stored, but linked nowhere: garbage for the next GC.
     */
    public Future<Long> complete(RepositoryName repository, Received received, Digest expected, Access access, String requestId) {
        UUID id = received.session().id();
        Quotas.Ticket quota = quotas.ticket(new Quotas.Push(repository, expected.toString(), null, List.of(), access.subject(), requestId));
        return db.withTransaction(tx -> sessions.lockClaim(tx, received.session())
                        .compose(takenOver -> vertx.executeBlocking(() -> verify(received, expected, takenOver), false))
                        .compose(size -> size == null ? sessions.delete(tx, id).map(deleted -> (Long) null)
                                : repositories.ensure(tx, repository)
                                        .compose(repoId -> links.lockBlob(tx, expected, size)
                                                .compose(quarantined -> vertx.executeBlocking(() -> place(received, expected, quarantined), false)
                                                        .compose(v -> quarantined ? links.clearQuarantine(tx, expected) : Future.succeededFuture()))
                                                .compose(v -> sessions.delete(tx, id))
                                                .compose(v -> quotas.charge(tx, quota, () -> links.linkRepository(tx, repoId,
                                                        repository.project(), expected, size).map(added -> new Quotas.Change<>(size, added)))))))
                // refused: the session still ends, and the bytes placed are kept under a row nothing links (GC's)
                .transform(outcome -> quotas.settle(outcome, quota, tx -> links.keepUnlinked(tx, expected, received.size())
                        .compose(v -> sessions.delete(tx, id)).onSuccess(v -> discardLater(id))))
                .compose(size -> {
                    if (size == null) {
                        return Future.failedFuture(new OciException(OciErrorCode.DIGEST_INVALID,
                                "provided digest did not match uploaded content", java.util.Map.of("digest", expected.toString())));
                    }
                    discardLater(id);
                    return Future.succeededFuture(size);
                })
                .recover(e -> sessions.release(received.session()).transform(ignored -> Future.failedFuture(e)));
    }

    /** Makes the received bytes durable and checks that their digest is {@code expected} (blocking); the size, or null (and the bytes deleted) if not. */
    private Long verify(Received received, Digest expected, boolean takenOver) throws java.io.IOException {
        UUID id = received.session().id();
        received.writer().commit();
        Digest actual = !takenOver && received.digest() != null && received.digest().algorithm() == expected.algorithm()
                ? received.digest().current() : rehash(BlobPaths.uploadData(id), expected.algorithm());
        if (!actual.equals(expected)) {
            storage.delete(BlobPaths.upload(id));
            return null;
        }
        return received.size();
    }

    /**
     * Puts verified bytes at the blob's content address unless they are there (blocking); over what is there when the
     * blob is quarantined (a scrub found those bytes wrong: this push repairs it). Called with the blob's row locked
     * ({@link BlobLinks#lockBlob}), so garbage collection cannot delete the bytes between the check and the link.
     */
    private Void place(Received received, Digest expected, boolean quarantined) {
        String blob = BlobPaths.blob(expected);
        if (quarantined || !storage.exists(blob)) {
            storage.move(BlobPaths.uploadData(received.session().id()), blob);
        } // else the copy is deleted with the upload's directory, after the answer
        return null;
    }

    /**
     * Deletes what is left of a completed upload without making the client wait: unlinking a 1 GiB
     * duplicate took 0.36 s here. A failure leaves only a directory no session points to.
     */
    private void discardLater(UUID id) {
        vertx.executeBlocking(() -> {
            storage.delete(BlobPaths.upload(id));
            return null;
        }, false).onFailure(e -> LOG.warnf("could not delete the data of completed upload %s: %s", id, e.getMessage()));
    }

    private Digest rehash(String path, DigestAlgorithm algorithm) throws java.io.IOException {
        ResumableDigest digest = ResumableDigest.start(algorithm);
        try (InputStream in = storage.reader(path, 0)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.current();
    }

    /** Discards an upload the caller has claimed, and its bytes; whether there was one. */
    public Future<Boolean> cancel(UploadSession session) {
        return sessions.delete(db, session.id()).compose(existed -> vertx.executeBlocking(() -> {
            discardBytes(session);
            return existed;
        }, false));
    }

    /**
     * Deletes the bytes of a session that is gone (blocking), including what the driver holds elsewhere
     * for it: on S3, the multipart upload its writers were filling, whose parts no listing of the
     * upload's directory shows and which would otherwise be kept, and billed, until a lifecycle rule.
     */
    void discardBytes(UploadSession session) {
        storage.abandon(BlobPaths.uploadData(session.id()), session.driverState());
        storage.delete(BlobPaths.upload(session.id()));
    }

    /**
     * Links an existing blob into {@code repository} without transferring it: from {@code from} if
     * given, else from any repository holding it. Only from repositories the caller may pull from
     * ({@link Access#mayPull}). Charged to the project's quota: refused (DENIED), nothing is linked.
     */
    public Future<Boolean> mount(RepositoryName repository, Digest digest, String from, Access access, String requestId) {
        Future<List<String>> candidates = from != null
                ? Future.succeededFuture(access.mayPull(from) ? List.of(from) : List.of())
                : links.holders(db, digest, 50).map(names -> names.stream().filter(access::mayPull).toList());
        return candidates.compose(names -> mountFrom(repository, digest, names, access, requestId));
    }

    /**
     * As {@link #mount}, from the first of {@code names} that still holds the blob: the caller has decided that the
     * blob may be taken from those (for a proxy-cache project, its own repositories: their blobs came from its upstream).
     */
    public Future<Boolean> mountFrom(RepositoryName repository, Digest digest, List<String> names, Access access, String requestId) {
        Quotas.Ticket quota = quotas.ticket(new Quotas.Push(repository, digest.toString(), null, List.of(), access.subject(), requestId));
        return names.isEmpty() ? Future.succeededFuture(false)
                : db.withTransaction(tx -> links.lockFirstHolder(tx, names.iterator(), digest).compose(size -> size == null
                        ? Future.succeededFuture(false)
                        : repositories.ensure(tx, repository)
                                .compose(repoId -> quotas.charge(tx, quota, () -> links.linkRepository(tx, repoId, repository.project(),
                                        digest, size).map(added -> new Quotas.Change<>(true, added))))))
                        .transform(outcome -> quotas.settle(outcome, quota, tx -> Future.succeededFuture()));
    }
}
