package io.berth.registry.proxy;

import static io.berth.registry.api.Guard.guarded;

import io.berth.common.client.Manifest;
import io.berth.common.client.RegistryException;
import io.berth.common.digest.Digest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.event.RegistryEvent;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.api.RegistryHeaders;
import io.berth.registry.auth.Authorizer;
import io.berth.registry.manifest.ManifestService;
import io.berth.registry.manifest.ManifestStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Manifest GET/HEAD in a proxy-cache project, before the ordinary handler  serves from the cache:
 * <ul>
 * <li>by digest: cached, served from the cache, never asking the upstream; else fetched from the upstream (its digest
 * checked), answered, and cached once its blobs are ({@link ManifestCaching});</li>
 * <li>by tag: the upstream is asked with a HEAD which digest the tag names now; cached, it is served from the cache (the
 * tag moved to it first if it had moved upstream); not cached, fetched as above; the upstream answering that there is no
 * such tag is a 404; an upstream that does not answer (down, timing out, failing) leaves the cache to serve alone.</li>
 * </ul>
 */
@ApplicationScoped
public class ProxyManifests {
    private static final Logger LOG = Logger.getLogger(ProxyManifests.class);

    private final Pool db;
    private final Vertx vertx;
    private final ManifestStore manifests;
    private final ManifestCaching caching;

    ProxyManifests(Pool db, Vertx vertx, ManifestStore manifests, ManifestCaching caching) {
        this.db = db;
        this.vertx = vertx;
        this.manifests = manifests;
        this.caching = caching;
    }

    void serve(RoutingContext rc, Upstream upstream) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        String reference = rc.pathParam("reference");
        String remote = upstream.repository(repository);
        if (Digest.looksLikeDigest(reference)) {
            Digest.parse(reference);
            manifests.find(db, repository.value(), reference, true).onSuccess(guarded(rc, cached -> {
                if (cached != null) {
                    ProxyGate.fromCache(rc);
                } else {
                    fetch(rc, upstream, remote, reference, null);
                }
            })).onFailure(rc::fail);
            return;
        }
        io.berth.common.oci.Tag.validate(reference);
        vertx.executeBlocking(() -> upstream.client().manifestDigest(remote, reference), false).onComplete(asked -> {
            if (asked.failed()) {
                LOG.debugf("upstream of %s did not answer for %s:%s (%s): serving from the cache", upstream.project(), remote, reference,
                        asked.cause().getMessage());
                ProxyGate.fromCache(rc);
            } else if (asked.result() == null) {
                rc.fail(new OciException(OciErrorCode.MANIFEST_UNKNOWN, "manifest unknown to the upstream registry of proxy-cache project "
                        + upstream.project(), Map.of("name", repository.value(), "reference", reference)));
            } else {
                servePresent(rc, upstream, remote, reference, asked.result());
            }
        });
    }

    /** The tag names {@code digest} upstream: from the cache if it is there (the tag moved to it if need be), else fetched. */
    private void servePresent(RoutingContext rc, Upstream upstream, String remote, String tag, String digest) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        manifests.find(db, repository.value(), tag, false).compose(tagged -> tagged != null && tagged.digest().equals(digest)
                ? Future.succeededFuture(true)
                : manifests.find(db, repository.value(), digest, true).compose(cached -> cached == null ? Future.succeededFuture(false)
                        : caching.retag(repository, tag, cached, Authorizer.accessOf(rc), rc.get("request_id")).map(true)))
                .onSuccess(guarded(rc, cached -> {
                    if (cached) {
                        ProxyGate.fromCache(rc);
                    } else {
                        fetch(rc, upstream, remote, digest, tag);
                    }
                })).onFailure(rc::fail);
    }

    /** Fetches the manifest {@code digest} names upstream, answers it, and caches it under {@code tag} (if given) once it can. */
    private void fetch(RoutingContext rc, Upstream upstream, String remote, String digest, String tag) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        vertx.executeBlocking(() -> upstream.client().manifest(remote, digest), false).onComplete(fetched -> {
            if (fetched.failed()) {
                rc.fail(upstreamFailure(fetched.cause(), repository, digest));
                return;
            }
            Manifest manifest = fetched.result();
            boolean head = "HEAD".equals(rc.request().method().name());
            var response = rc.response().putHeader("Content-Type", manifest.mediaType())
                    .putHeader(RegistryHeaders.CONTENT_DIGEST, manifest.digest())
                    .putHeader("ETag", "\"" + manifest.digest() + "\"")
                    .putHeader("Content-Length", Integer.toString(manifest.content().length));
            RegistryEvent pull = null;
            if (head) {
                response.end();
            } else {
                response.end(Buffer.buffer(manifest.content()));
                pull = ManifestService.event(RegistryEvent.Type.PULL_ARTIFACT, repository, Digest.parse(manifest.digest()),
                        tag == null ? List.of() : List.of(tag), manifest.mediaType(), manifest.content().length,
                        Authorizer.accessOf(rc), rc.get("request_id"));
            }
            caching.cacheWhenComplete(repository, tag, manifest, pull, Authorizer.accessOf(rc), rc.get("request_id"));
        });
    }

    static OciException upstreamFailure(Throwable cause, RepositoryName repository, String reference) {
        if (cause instanceof RegistryException e && e.status() == 404) {
            return new OciException(OciErrorCode.MANIFEST_UNKNOWN, "manifest unknown to the upstream registry",
                    Map.of("name", repository.value(), "reference", reference));
        }
        return new OciException(OciErrorCode.BAD_GATEWAY, "the upstream registry of this proxy-cache project failed: " + cause.getMessage(),
                Map.of("name", repository.value(), "reference", reference));
    }
}
