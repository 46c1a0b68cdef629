package io.berth.gateway.proxy;

import io.berth.common.config.GatewayConfig;
import io.berth.common.config.StorageConfig;
import io.berth.common.download.BlobFileHandoff;
import io.berth.common.download.DownloadPump;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's side of {@link BlobFileHandoff}: which requests to ask registry-service for a file
 * instead of bytes, and the part of a file its answer names, when this gateway can read it.
 */
@ApplicationScoped
class BlobFiles {
    private static final Pattern BLOB_PATH = Pattern.compile("^/v2/.+/blobs/[A-Za-z0-9_+.-]+:[A-Za-z0-9=_-]+$");

    private final Path root;

    BlobFiles(GatewayConfig gateway, StorageConfig storage) {
        this.root = gateway.blobFiles() && storage.driver() == StorageConfig.DriverKind.FILESYSTEM
                ? Path.of(storage.filesystem().root()).toAbsolutePath().normalize()
                : null;
    }

    /** Whether to ask registry-service to name the file of this request's blob. */
    boolean wanted(HttpServerRequest request) {
        return root != null && isBlobDownload(request);
    }

    static boolean isBlobDownload(HttpServerRequest request) {
        // the indexOf first: the pattern's backtracking over every manifest GET's path was 1.5 % of the gateway's CPU
        String path = request.path();
        return request.method() == HttpMethod.GET && path.indexOf("/blobs/") > 0 && BLOB_PATH.matcher(path).matches();
    }

    /**
     * The bytes a registry answer names, opened for reading, if they are in a regular file under the
     * storage root; empty when this gateway does not see that file (storage not shared, blob just
     * deleted). Blocking: call it off the event loop.
     */
    Optional<DownloadPump.Source> open(MultiMap headers) {
        String path = headers.get(BlobFileHandoff.PATH);
        if (root == null || path == null) {
            return Optional.empty();
        }
        try {
            long offset = Long.parseLong(headers.get(BlobFileHandoff.OFFSET));
            long length = Long.parseLong(headers.get(BlobFileHandoff.LENGTH));
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root) || offset < 0 || length < 0
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            if (channel.size() < offset + length) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(DownloadPump.Source.of(channel, offset));
        } catch (IOException | RuntimeException notHere) {
            return Optional.empty();
        }
    }

    static long length(MultiMap headers) {
        return Long.parseLong(headers.get(BlobFileHandoff.LENGTH));
    }
}
