package io.berth.scanner.image;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** A layer blob's tar, decompressed as a stream: gzip, zstd or plain, told apart by their magic bytes, not by the media type. */
final class LayerStreams {
    private LayerStreams() {}

    static InputStream tar(InputStream blob) throws IOException {
        BufferedInputStream in = new BufferedInputStream(blob, 64 * 1024);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new BufferedInputStream(new ZstdInputStream(in), 64 * 1024);
        }
        return in;
    }
}
