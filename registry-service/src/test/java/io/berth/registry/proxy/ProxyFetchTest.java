package io.berth.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.registry.testing.CoreSchema;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob fetches of a proxy-cache project against a real CNCF Distribution upstream: concurrent first pulls fetch the
 * blob from the upstream once (counted in its access log), a transfer the upstream cuts midway fails the client's
 * download and leaves no blob, a Range on a first pull gets the whole blob (and the range once cached), and a blob the
 * project holds under another repository is linked rather than fetched again.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ProxyFetchTest {
    @TestHTTPResource("/")
    URI berth;

    @TempDir
    Path work;

    @BeforeAll
    static void coreSchema() {
        CoreSchema.migrate();
    }

    private HttpResponse<InputStream> get(String repository, String digest) throws Exception {
        return get(repository, digest, null);
    }

    private HttpResponse<InputStream> get(String repository, String digest, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(berth.resolve("/v2/" + repository + "/blobs/" + digest))
                .header("Authorization", Tokens.bearer(repository, "pull"));
        if (range != null) {
            request.header("Range", range);
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void tenConcurrentFirstPullsOfALargeLayerFetchItFromTheUpstreamOnce() throws Exception {
        long size = 200L << 20;
        Path layer = work.resolve("layer");
        String digest = ProxyUpstream.randomFile(layer, size, 7);
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            upstream.pushBlob("team/big", layer, digest);
            Files.delete(layer);
            String repository = upstream.project + "/team/big";

            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Future<String>> pulls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pulls.add(pool.submit(() -> {
                    HttpResponse<InputStream> response = get(repository, digest);
                    assertThat(response.statusCode()).isEqualTo(200);
                    long[] length = {0};
                    try (InputStream body = response.body()) {
                        String got = ProxyUpstream.digestOf(body, length);
                        assertThat(length[0]).isEqualTo(size);
                        return got;
                    }
                }));
            }
            for (Future<String> pull : pulls) {
                assertThat(pull.get(10, TimeUnit.MINUTES)).isEqualTo(digest);
            }
            pool.shutdown();
            assertThat(upstream.blobGets("team/big", digest)).as("upstream GETs of the blob in:%n%s", upstream.registry.log()).isEqualTo(1);
            assertThat(ProxyUpstream.blobRows(digest)).isEqualTo(1);
        }
    }

    @Test
    void aTransferTheUpstreamCutsMidwayFailsTheDownloadAndLeavesNoBlob() throws Exception {
        Path layer = work.resolve("layer");
        String digest = ProxyUpstream.randomFile(layer, 8L << 20, 11);
        CuttingProxy[] cutter = new CuttingProxy[1];
        try (ProxyUpstream upstream = ProxyUpstream.startBehind(registry -> {
            try {
                cutter[0] = new CuttingProxy(Integer.parseInt(registry.host().split(":")[1]), 2 << 20);
                return cutter[0].url();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        })) {
            upstream.pushBlob("team/cut", layer, digest);
            String repository = upstream.project + "/team/cut";

            // other test classes of this module share the storage directory and may leave uploads of their own
            java.util.Set<Path> before = uploads();
            assertThatThrownBy(() -> download(repository, digest))
                    .as("a download broken off midway is an error (a reset, before or after the headers), never a short body taken whole")
                    .isInstanceOf(java.io.IOException.class);

            // the failed fetch is cleaned up after the answer: no blob row, no bytes, no upload left, the lease free
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !before.containsAll(uploads())) {
                Thread.sleep(100);
            }
            assertThat(uploads()).as("no fetch left bytes under _uploads").isSubsetOf(before);
            assertThat(ProxyUpstream.blobRows(digest)).isZero();
            assertThat(RegistryTestResource.DIR.resolve("storage/blobs/sha256/" + digest.substring(7, 9) + "/" + digest.substring(7))).doesNotExist();
            assertThatThrownBy(() -> download(repository, digest)).as("the next pull tries again, and is cut again")
                    .isInstanceOf(java.io.IOException.class);
        } finally {
            if (cutter[0] != null) {
                cutter[0].close();
            }
        }
    }

    @Test
    void aRangeOnAFirstPullIsAnsweredWithTheWholeBlobAndOnceCachedWithTheRange() throws Exception {
        long size = 3L << 20;
        Path layer = work.resolve("layer");
        String digest = ProxyUpstream.randomFile(layer, size, 13);
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            upstream.pushBlob("team/ranged", layer, digest);
            String repository = upstream.project + "/team/ranged";

            HttpResponse<InputStream> first = get(repository, digest, "bytes=100-199");
            assertThat(first.statusCode()).as("RFC 9110 lets a server ignore Range: the whole blob, never a part taken for whole")
                    .isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Range")).isEmpty();
            long[] length = {0};
            try (InputStream body = first.body()) {
                assertThat(ProxyUpstream.digestOf(body, length)).isEqualTo(digest);
            }
            assertThat(length[0]).isEqualTo(size);

            awaitBlobRow(digest);
            HttpResponse<InputStream> cached = get(repository, digest, "bytes=100-199");
            assertThat(cached.statusCode()).isEqualTo(206);
            assertThat(cached.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + size);
            byte[] expected = new byte[100];
            try (var file = java.nio.channels.FileChannel.open(layer)) {
                file.read(java.nio.ByteBuffer.wrap(expected), 100);
            }
            try (InputStream body = cached.body()) {
                assertThat(body.readAllBytes()).isEqualTo(expected);
            }
            assertThat(upstream.blobGets("team/ranged", digest)).isEqualTo(1);
        }
    }

    @Test
    void aBlobTheProjectHoldsUnderAnotherRepositoryIsNotFetchedAgain() throws Exception {
        Path layer = work.resolve("layer");
        String digest = ProxyUpstream.randomFile(layer, 2L << 20, 17);
        try (ProxyUpstream upstream = ProxyUpstream.start(); ProxyUpstream other = ProxyUpstream.start()) {
            upstream.pushBlob("team/one", layer, digest);
            upstream.pushBlob("team/two", layer, digest);
            other.pushBlob("team/two", layer, digest);
            long[] length = {0};
            try (InputStream body = get(upstream.project + "/team/one", digest, null).body()) {
                assertThat(ProxyUpstream.digestOf(body, length)).isEqualTo(digest);
            }
            awaitBlobRow(digest);

            HttpResponse<InputStream> again = get(upstream.project + "/team/two", digest, null);
            assertThat(again.statusCode()).isEqualTo(200);
            try (InputStream body = again.body()) {
                assertThat(ProxyUpstream.digestOf(body, new long[1])).isEqualTo(digest);
            }
            assertThat(upstream.blobGets("team/two", digest)).as("the project had the blob under team/one").isZero();
            assertThat(upstream.blobGets("team/one", digest)).isEqualTo(1);

            // another proxy-cache project has another upstream: what this one holds is not its to serve unasked
            try (InputStream body = get(other.project + "/team/two", digest, null).body()) {
                assertThat(ProxyUpstream.digestOf(body, new long[1])).isEqualTo(digest);
            }
            assertThat(other.blobGets("team/two", digest)).isEqualTo(1);
        }
    }

    private static void awaitBlobRow(String digest) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProxyUpstream.blobRows(digest) == 0) {
            assertThat(System.nanoTime()).as("blob %s cached within 30 s", digest).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Downloads the blob whole; fails with an IOException if the download is broken off. */
    private void download(String repository, String digest) throws Exception {
        HttpResponse<InputStream> response = get(repository, digest);
        try (InputStream body = response.body()) {
            body.readAllBytes();
        }
        throw new AssertionError("the download ended normally with " + response.statusCode());
    }

    /** The entries under the storage's {@code _uploads} directory now. */
    private static java.util.Set<Path> uploads() throws Exception {
        Path uploads = RegistryTestResource.DIR.resolve("storage/_uploads");
        if (!Files.isDirectory(uploads)) {
            return java.util.Set.of();
        }
        try (var entries = Files.list(uploads)) {
            return entries.collect(java.util.stream.Collectors.toSet());
        }
    }
}
