package io.berth.common.testing;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** Deterministic bytes of any size, generated while read and hashed as they go out: nothing held whole. */
public final class GeneratedBody extends InputStream {
    private final byte[] block = new byte[1 << 20];
    private final MessageDigest sha;
    private final long seed;
    private long left;
    private int pos = block.length;
    private long blockNo;

    public GeneratedBody(long size) throws Exception {
        this(size, 0);
    }

    /** Bodies with different seeds differ in every 1 MiB block. */
    public GeneratedBody(long size, long seed) throws Exception {
        this.left = size;
        this.seed = seed << 32;
        this.sha = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left == 0) {
            return -1;
        }
        if (pos == block.length) {
            new Random(seed + blockNo++).nextBytes(block);
            pos = 0;
        }
        int n = (int) Math.min(Math.min(len, block.length - pos), left);
        System.arraycopy(block, pos, b, off, n);
        sha.update(block, pos, n);
        pos += n;
        left -= n;
        return n;
    }

    /** The digest of the bytes read so far: of the whole body once it has been read to the end. */
    public String digest() {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
