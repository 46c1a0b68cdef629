package io.berth.registry.storage;

/** A storage path has no content. */
public class PathNotFoundException extends StorageException {
    public PathNotFoundException(String driver, String path) {
        super(driver, path, "no content at " + path);
    }
}
