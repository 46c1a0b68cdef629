package io.berth.scanner.image;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Walks one layer's tar stream into a {@link MergedView}: each regular file offered to a {@link FileHandler} (which
 * reads what it needs of the stream; the rest is skipped), whiteouts and opaque markers turned into the view's hiding,
 * hard links given their target's value. Nothing is ever written to disk and links are never followed, so a path
 * with {@code ../} or an absolute symlink cannot reach outside the image: a name that climbs above the image's root
 * is not part of the image and is ignored.
 */
public final class LayerWalker {
    /** Reads one regular file; returns what is kept at its path, or null for nothing. */
    @FunctionalInterface
    public interface FileHandler<T> {
        T file(String path, long size, boolean executable, InputStream content) throws IOException;
    }

    /** What one layer held, for the scan's log and report. */
    public record Stats(long entries, long ignored) {}

    private LayerWalker() {}

    public static <T> Stats walk(InputStream tar, MergedView<T> view, FileHandler<T> handler) throws IOException {
        long entries = 0;
        long ignored = 0;
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            entries++;
            String path = normalize(entry.getName());
            if (path == null) {
                ignored++;
                continue;
            }
            String dir = path.substring(0, path.lastIndexOf('/') + 1);
            String base = path.substring(dir.length());
            if (base.equals(".wh..wh..opq")) {
                view.opaque(dir.isEmpty() ? "/" : dir);
                continue;
            }
            if (base.startsWith(".wh.")) {
                view.whiteout(dir + base.substring(4));
                continue;
            }
            if (path.equals("/")) {
                continue;
            }
            view.replaced(path, entry.isDirectory());
            if (entry.isLink()) {
                String target = normalize(entry.getLinkName());
                T value = target == null ? null : view.get(target);
                if (value != null) {
                    view.put(path, value);
                }
            } else if (isRegular(entry)) {
                T value = handler.file(path, entry.getSize(), (entry.getMode() & 0111) != 0, in);
                if (value != null) {
                    view.put(path, value);
                }
            }
        }
        view.endLayer();
        return new Stats(entries, ignored);
    }

    /** A regular file: not a symlink, device or fifo (commons-compress counts some of those as files). */
    private static boolean isRegular(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG)
                && !entry.getName().endsWith("/");
    }

    /** {@code /a/b} for {@code a/b}, {@code ./a/b}, {@code /a/./b}, {@code a/c/../b}; null for a name above the root. */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                int slash = out.lastIndexOf("/");
                if (slash < 0) {
                    return null;
                }
                out.setLength(slash);
                continue;
            }
            out.append('/').append(part);
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
