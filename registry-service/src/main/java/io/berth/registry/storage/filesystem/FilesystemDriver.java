package io.berth.registry.storage.filesystem;

import io.berth.registry.storage.InvalidOffsetException;
import io.berth.registry.storage.PathNotFoundException;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.storage.StorageException;
import io.berth.registry.storage.StorageWriter;
import io.berth.registry.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Content in files under a root directory. Writers append to {@code <path>.inprogress}; a commit
 * fsyncs it and renames it to its path. {@link #move} is an atomic rename followed by an fsync of the target directory, so a
 * blob is either absent or complete after a crash.
 */
public class FilesystemDriver implements StorageDriver {
    private static final int MOVE_ATTEMPTS = 3;
    private final Path root;

    public FilesystemDriver(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StorageException(name(), "", "cannot create root " + this.root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "filesystem";
    }

    public Path root() {
        return root;
    }

    Path resolve(String path) {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || path.isEmpty() || path.startsWith("/")) {
            throw new StorageException(name(), path, "invalid path " + path);
        }
        return resolved;
    }

    @Override
    public byte[] getContent(String path) {
        try {
            return Files.readAllBytes(resolve(path));
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(name(), path);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public void putContent(String path, byte[] content) {
        Path target = resolve(path);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = openInFreshParent(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(content));
                out.force(true);
            }
            rename(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure(path, e);
        }
    }

    @Override
    public InputStream reader(String path, long offset) {
        try {
            FileChannel channel = FileChannel.open(resolve(path), StandardOpenOption.READ);
            long size = channel.size();
            if (offset > size) {
                channel.close();
                throw new InvalidOffsetException(name(), path, offset, size);
            }
            channel.position(offset);
            return Channels.newInputStream(channel);
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(name(), path);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public StorageWriter writer(String path, long offset, String resumeState) {
        Path file = inProgress(resolve(path));
        try {
            FileChannel channel = openInFreshParent(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long size = channel.size();
            if (offset > size) {
                channel.close();
                throw new InvalidOffsetException(name(), path, offset, size);
            }
            channel.truncate(offset);
            channel.position(offset);
            return new FilesystemWriter(this, path, file, resolve(path), channel, offset);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public long size(String path) {
        try {
            return Files.size(resolve(path));
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(name(), path);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.isRegularFile(resolve(path));
    }

    @Override
    public List<String> list(String path) {
        Path dir = resolve(path);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(c -> root.relativize(c).toString()).sorted().toList();
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /**
     * Opens {@code file}, creating its parent directories first. A concurrent {@link #delete} may remove a shared parent
     * that was empty (an upload purge or orphan sweep removing {@code _uploads/} between one upload's end and the next
     * one's start) between {@code createDirectories} and the open: the directories are created again and the open
     * retried, as {@link #move} does for its rename.
     */
    private static FileChannel openInFreshParent(Path file, StandardOpenOption... options) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(file.getParent());
            try {
                return FileChannel.open(file, options);
            } catch (NoSuchFileException parentRemoved) {
                if (attempt == MOVE_ATTEMPTS) {
                    throw parentRemoved;
                }
            }
        }
    }

    @Override
    public void move(String source, String destination) {
        Path from = resolve(source);
        Path to = resolve(destination);
        if (!Files.exists(from)) {
            throw new PathNotFoundException(name(), source);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(to.getParent());
                rename(from, to);
                return;
            } catch (NoSuchFileException e) {
                // a concurrent delete removed the (shared, empty) parent between createDirectories and the rename
                if (attempt == MOVE_ATTEMPTS || !Files.exists(from)) {
                    throw Files.exists(from) ? failure(source, e) : new PathNotFoundException(name(), source);
                }
            } catch (IOException e) {
                throw failure(source, e);
            }
        }
    }

    /**
     * Deletes each blob's file and its {@code <hex>} directory when that is empty; the {@code <xx>} directory above is
     * left in place, so that a concurrent {@link #move} into it never loses its parent.
     */
    @Override
    public List<String> deleteBlobs(List<String> paths) {
        List<String> failed = new ArrayList<>();
        for (String path : paths) {
            try {
                Path file = resolve(path);
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            } catch (DirectoryNotEmptyException othersThere) {
                // the blob's directory holds something else (an in-progress write): not ours to remove
            } catch (IOException | StorageException e) {
                failed.add(path);
            }
        }
        return failed;
    }

    /**
     * Walks the tree in key order without reading it whole: one directory's entries at a time, sorted, skipping the
     * subtrees that lie entirely at or before {@code after}, and stopping at {@code limit}. Memory is bounded by the
     * widest directory on the way (a {@code <xx>} directory of the blob tree), not by the number of files.
     */
    @Override
    public List<StoredObject> listObjects(String prefix, String after, int limit) {
        Path dir = resolve(prefix);
        List<StoredObject> page = new ArrayList<>();
        if (limit <= 0 || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return page;
        }
        try {
            walk(dir, after, limit, page);
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException(name(), prefix, "cannot list " + prefix + ": " + e.getMessage(), e);
        }
        return page;
    }

    /** A directory entry with the key it sorts by: its path, followed by a slash for a directory (so "a/x" sorts after "a.b"). */
    private record Entry(String key, Path file, BasicFileAttributes attributes) {}

    private void walk(Path dir, String after, int limit, List<StoredObject> page) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException goneMeanwhile) {
                    continue;
                }
                String path = root.relativize(child).toString();
                if (attributes.isDirectory()) {
                    String key = path + "/";
                    // every path below starts with key: all at or before `after` unless after is below it or before it
                    if (after == null || after.startsWith(key) || after.compareTo(key) < 0) {
                        entries.add(new Entry(key, child, attributes));
                    }
                } else if (attributes.isRegularFile() && (after == null || path.compareTo(after) > 0)) {
                    entries.add(new Entry(path, child, attributes));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException goneMeanwhile) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::key));
        for (Entry entry : entries) {
            if (page.size() >= limit) {
                return;
            }
            if (entry.attributes().isDirectory()) {
                walk(entry.file(), after, limit, page);
            } else {
                page.add(new StoredObject(entry.key(), entry.attributes().size(), entry.attributes().lastModifiedTime().toInstant()));
            }
        }
    }

    @Override
    public void delete(String path) {
        Path target = resolve(path);
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(target)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException concurrentlyFilled) {
                    // something was written meanwhile; it is not ours to remove
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException(name(), path, "cannot delete " + path + ": " + e.getMessage(), e);
        }
        removeEmptyParents(target.getParent());
    }

    /** Where a writer keeps content until its commit renames it to its path. */
    static Path inProgress(Path file) {
        return file.resolveSibling(file.getFileName() + ".inprogress");
    }

    @Override
    public Optional<Path> localFile(String path) {
        Path file = resolve(path);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private void removeEmptyParents(Path dir) {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }

    static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(to.getParent());
    }

    /** A rename is durable only once its directory is. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some filesystems refuse to open directories; the rename itself has happened
        }
    }

    StorageException failure(String path, IOException e) {
        return new StorageException(name(), path, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray temp file does no harm
        }
    }
}
