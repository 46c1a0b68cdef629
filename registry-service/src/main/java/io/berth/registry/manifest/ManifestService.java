package io.berth.registry.manifest;

import io.berth.common.digest.Digest;
import io.berth.common.digest.DigestAlgorithm;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.event.RegistryEvent;
import io.berth.common.oci.RepositoryName;
import io.berth.common.oci.Tag;
import io.berth.registry.accessory.Accessories;
import io.berth.registry.auth.Access;
import io.berth.registry.blob.BlobLinks;
import io.berth.registry.event.Outbox;
import io.berth.registry.quota.Quotas;
import io.berth.registry.repository.Repositories;
import io.berth.registry.signature.SignatureRecorder;
import io.berth.registry.tag.ImmutableTags;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Manifest push and delete: in one transaction the manifest, its references, its tag and its event;
 * nothing is recorded unless every blob and child manifest it references is there.
 */
@ApplicationScoped
public class ManifestService {
    private final Pool db;
    private final ManifestStore manifests;
    private final Repositories repositories;
    private final BlobLinks links;
    private final Outbox outbox;
    private final ImmutableTags immutable;
    private final Quotas quotas;
    private final Accessories accessories;
    private final SignatureRecorder signatures;

    ManifestService(Pool db, ManifestStore manifests, Repositories repositories, BlobLinks links, Outbox outbox,
            ImmutableTags immutable, Quotas quotas, Accessories accessories, SignatureRecorder signatures) {
        this.accessories = accessories;
        this.signatures = signatures;
        this.db = db;
        this.manifests = manifests;
        this.repositories = repositories;
        this.links = links;
        this.outbox = outbox;
        this.immutable = immutable;
        this.quotas = quotas;
    }

    /** What a push recorded: the digest, the manifest, and the tags it now carries from this push. */
    public record Pushed(Digest digest, ParsedManifest manifest, List<String> tags) {}

    /**
     * Records a manifest pushed by tag or digest, with the tags of {@code tagParams} as well (the spec's
     * {@code ?tag=} parameters; validated by the caller): all in one transaction, so either every tag
     * points at the manifest or none does.
     */
    public Future<Pushed> put(RepositoryName repository, String reference, List<String> tagParams, byte[] content,
            String contentType, Access access, String requestId) {
        return put(repository, reference, tagParams, content, contentType, access, requestId, false);
    }

    /**
     * Records a manifest a proxy-cache project fetched from its upstream, as {@link #put} does, except that an index is
     * recorded with the child manifests the repository holds so far: the cache keeps what was pulled (an index and the
     * platforms its clients run), not every platform. A child cached later is linked to it ({@link
     * ManifestStore#linkToIndexes}).
     */
    public Future<Pushed> cache(RepositoryName repository, String reference, byte[] content, String contentType, Access access,
            String requestId) {
        return put(repository, reference, List.of(), content, contentType, access, requestId, true);
    }

    private Future<Pushed> put(RepositoryName repository, String reference, List<String> tagParams, byte[] content,
            String contentType, Access access, String requestId, boolean partialIndex) {
        boolean byDigest = Digest.looksLikeDigest(reference);
        Digest expected = byDigest ? Digest.parse(reference) : null;
        java.util.LinkedHashSet<String> tagSet = new java.util.LinkedHashSet<>();
        if (!byDigest) {
            tagSet.add(Tag.validate(reference));
        }
        tagSet.addAll(tagParams);
        List<String> tags = List.copyOf(tagSet);
        ParsedManifest parsed = ManifestParser.parse(content, contentType);
        Digest digest = (expected == null ? DigestAlgorithm.SHA256 : expected.algorithm()).digest(content);
        if (expected != null && !expected.equals(digest)) {
            throw new OciException(OciErrorCode.DIGEST_INVALID, "manifest digest " + digest + " does not match " + expected);
        }
        // An immutable tag already on another manifest is left alone by the save, and the push refused (rolled back).
        // The bytes the push adds to the project (the manifest's own if it is new, and blobs it mounts from other
        // projects' repositories) are charged to the project's quota, refused as a whole.
        Quotas.Ticket quota = quotas.ticket(new Quotas.Push(repository, digest.toString(), parsed.mediaType(), tags, access.subject(),
                requestId));
        return db.withTransaction(tx -> repositories.ensure(tx, repository).compose(repoId -> quotas.charge(tx, quota, () -> {
                    AtomicLong added = new AtomicLong();
                    return references(tx, repoId, repository, parsed, access, added, partialIndex).compose(referencedSize ->
                            immutable.protectedAmong(tx, repository, tags).compose(protectedTags ->
                                    manifests.save(tx, repoId, digest, parsed, content, content.length + referencedSize, tags,
                                            protectedTags.keySet()).compose(saved -> {
                                                if (!saved.kept().isEmpty()) {
                                                    String tag = saved.kept().iterator().next();
                                                    return Future.failedFuture(ImmutableTags.refusal(repository, tag, protectedTags.get(tag),
                                                            "it points at another manifest and cannot be moved to " + digest));
                                                }
                                                return signatures.record(tx, repoId, digest, content, parsed.effectiveArtifactType(),
                                                        parsed.subject() == null ? null : parsed.subject().digest().toString(), tags)
                                                        .compose(v -> outbox.add(tx, event(RegistryEvent.Type.PUSH_ARTIFACT, repository, digest,
                                                        tags, parsed.mediaType(), content.length + referencedSize, access, requestId)))
                                                        .map(v -> new Quotas.Change<Void>(null, added.get() + (saved.created() ? content.length : 0)));
                                            })));
                })))
                .transform(outcome -> quotas.settle(outcome, quota, tx -> Future.succeededFuture()))
                .map(v -> new Pushed(digest, parsed, tags));
    }

    /**
     * Checks that every referenced blob is linked into the repository (linking those the caller may
     * mount from elsewhere) and every child manifest exists; returns the bytes they add up to.
     */
    private Future<Long> references(SqlClient tx, long repoId, RepositoryName repository, ParsedManifest parsed, Access access,
            AtomicLong added, boolean partialIndex) {
        if (parsed.subject() != null) {
            // the subject (if there: OCI allows a referrer first) cannot be collected with its referrers while this commits
            return manifests.lockSubject(tx, repoId, parsed.subject().digest().toString())
                    .compose(v -> referencedSize(tx, repoId, repository, parsed, access, added, partialIndex));
        }
        return referencedSize(tx, repoId, repository, parsed, access, added, partialIndex);
    }

    /** As {@link #references}; the bytes the blobs it mounts add to the project's usage are added to {@code added}. */
    private Future<Long> referencedSize(SqlClient tx, long repoId, RepositoryName repository, ParsedManifest parsed, Access access,
            AtomicLong added, boolean partialIndex) {
        if (parsed.isIndex()) {
            List<String> children = parsed.manifests().stream().map(m -> m.digest().toString()).distinct().toList();
            if (children.isEmpty()) {
                return Future.succeededFuture(0L);
            }
            return manifests.manifestSizes(tx, repoId, children).map(found -> {
                for (String child : children) {
                    if (!found.containsKey(child) && !partialIndex) {
                        throw new OciException(OciErrorCode.MANIFEST_BLOB_UNKNOWN, "index references manifest " + child
                                + " that is not in " + repository, Map.of("digest", child));
                    }
                }
                return found.values().stream().mapToLong(Long::longValue).sum();
            });
        }
        Map<String, Descriptor> blobs = new HashMap<>();
        parsed.blobs().forEach(b -> blobs.putIfAbsent(b.digest().toString(), b));
        if (blobs.isEmpty()) {
            return Future.succeededFuture(0L);
        }
        return manifests.linkedBlobSizes(tx, repoId, new ArrayList<>(blobs.keySet())).compose(found -> {
            // in digest order: two pushes mounting the same blobs lock their usage rows in the same order, never crosswise
            List<Descriptor> missing = blobs.values().stream().filter(b -> !found.containsKey(b.digest().toString()))
                    .sorted(java.util.Comparator.comparing(b -> b.digest().toString())).toList();
            Promise<Void> mounted = Promise.promise();
            mountInTurn(missing.iterator(), digest -> mountForManifest(tx, repoId, repository, digest, access, added), found, mounted);
            return mounted.future().map(v -> {
                long total = 0;
                for (Descriptor d : blobs.values()) {
                    long actual = found.get(d.digest().toString());
                    if (actual != d.size()) {
                        throw new OciException(OciErrorCode.MANIFEST_INVALID, "descriptor of " + d.digest() + " says "
                                + d.size() + " bytes, the blob has " + actual, Map.of("digest", d.digest().toString()));
                    }
                    total += actual;
                }
                return total;
            });
        });
    }

    /**
     * Mounts the blobs one after another, each once the one before is linked. Not as one chain composed
     * up front: a failure ran through every link of it, and a manifest of 2,000 missing layers overflowed
     * the event loop's stack and was never answered.
     */
    private static void mountInTurn(Iterator<Descriptor> missing, Function<Digest, Future<Long>> mount, Map<String, Long> found,
            Promise<Void> done) {
        if (!missing.hasNext()) {
            done.complete();
            return;
        }
        Digest digest = missing.next().digest();
        mount.apply(digest).onComplete(linked -> {
            if (linked.failed()) {
                done.fail(linked.cause());
            } else {
                found.put(digest.toString(), linked.result());
                mountInTurn(missing, mount, found, done);
            }
        });
    }

    /**
     * A referenced blob that another repository the caller may pull from holds is linked in, from a source link locked
     * until the transaction ends (garbage collection keeps it and the blob meanwhile); else MANIFEST_BLOB_UNKNOWN.
     */
    private Future<Long> mountForManifest(SqlClient tx, long repoId, RepositoryName repository, Digest digest, Access access,
            AtomicLong added) {
        return links.holders(tx, digest, 50)
                .compose(holders -> links.lockFirstHolder(tx, holders.stream().filter(access::mayPull).iterator(), digest))
                .compose(size -> {
                    if (size == null) {
                        return Future.failedFuture(new OciException(OciErrorCode.MANIFEST_BLOB_UNKNOWN,
                                "blob " + digest + " is not in " + repository, Map.of("digest", digest.toString())));
                    }
                    return links.linkRepository(tx, repoId, repository.project(), digest, size).map(bytes -> {
                        added.addAndGet(bytes);
                        return size;
                    });
                });
    }

    /**
     * Deletes a manifest by digest (with its tags and its accessories: {@link Accessories}), or only a tag; false if there
     * was no such thing.
     */
    public Future<Boolean> delete(RepositoryName repository, String reference, Access access, String requestId) {
        boolean byDigest = Digest.looksLikeDigest(reference);
        if (byDigest) {
            Digest.parse(reference);
        } else {
            Tag.validate(reference);
        }
        // The row deleted is locked before its tags are read: a tag pushed meanwhile is either in the event or
        // comes after the delete, and of concurrent deletes of one thing, one wins and the others find nothing.
        return db.withTransaction(tx -> manifests.lockForDelete(tx, repository.value(), reference, byDigest).compose(found -> {
            if (found == null) {
                return Future.succeededFuture(false);
            }
            Future<List<String>> tags = byDigest ? manifests.tagsOf(tx, found.repositoryId(), found.digest())
                    : Future.succeededFuture(List.of(reference));
            Future<List<Accessories.Accessory>> accessories = byDigest ? tags.compose(t -> this.accessories.closure(tx, found.repositoryId(),
                    found.digest())) : tags.map(t -> List.of());
            return accessories.compose(going -> tags.compose(removed -> {
                List<String> allTags = new ArrayList<>(removed);
                going.forEach(a -> allTags.addAll(a.tags()));
                return immutable.protectedAmong(tx, repository, allTags).compose(protectedTags -> {
                    if (!protectedTags.isEmpty()) {
                        String tag = protectedTags.keySet().iterator().next();
                        return Future.failedFuture(ImmutableTags.refusal(repository, tag, protectedTags.get(tag), !byDigest ? "it cannot be deleted"
                                : removed.contains(tag) ? "manifest " + found.digest() + " carries it and cannot be deleted"
                                : "an accessory of manifest " + found.digest() + " carries it, and accessories are deleted with their subject"));
                    }
                    return Future.succeededFuture(removed);
                });
            }).compose(removed -> (byDigest ? manifests.delete(tx, found.repositoryId(), found.digest())
                            : manifests.deleteTag(tx, found.repositoryId(), reference))
                    .compose(deleted -> {
                        if (!deleted) {
                            return Future.succeededFuture(false);
                        }
                        List<RegistryEvent> events = new ArrayList<>();
                        events.add(event(RegistryEvent.Type.DELETE_ARTIFACT, repository, Digest.parse(found.digest()), removed,
                                found.mediaType(), found.totalSize(), access, requestId));
                        going.forEach(a -> events.add(event(RegistryEvent.Type.DELETE_ARTIFACT, repository, Digest.parse(a.digest()), a.tags(),
                                a.mediaType(), a.totalSize(), access, requestId)));
                        Future<Void> deletedAccessories = going.isEmpty() ? Future.succeededFuture()
                                : manifests.deleteAll(tx, found.repositoryId(), going.stream().map(Accessories.Accessory::digest).toList());
                        return deletedAccessories.compose(v -> addInTurn(tx, events.iterator())).map(true);
                    })));
        })).recover(e -> {
            if (e instanceof PgException pg && "23503".equals(pg.getSqlState())) {
                return Future.failedFuture(new OciException(OciErrorCode.MANIFEST_REFERENCED,
                        "manifest " + reference + " (or one of its accessories) is listed by an index in " + repository + "; delete the index first"));
            }
            return Future.failedFuture(e);
        });
    }

    private Future<Void> addInTurn(SqlClient tx, Iterator<RegistryEvent> events) {
        return !events.hasNext() ? Future.succeededFuture() : outbox.add(tx, events.next()).compose(v -> addInTurn(tx, events));
    }

    public static RegistryEvent event(RegistryEvent.Type type, RepositoryName repository, Digest digest, List<String> tags,
            String mediaType, long size, Access access, String requestId) {
        return new RegistryEvent(UUID.randomUUID().toString(), type, repository.value(), repository.project(),
                digest.toString(), tags, mediaType, size, access.subject(), Instant.now(), requestId);
    }
}
