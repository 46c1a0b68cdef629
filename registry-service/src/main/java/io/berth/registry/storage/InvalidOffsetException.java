package io.berth.registry.storage;

/** An offset lies beyond the content at a path. */
public class InvalidOffsetException extends StorageException {
    public InvalidOffsetException(String driver, String path, long offset, long size) {
        super(driver, path, "offset " + offset + " is beyond the " + size + " bytes at " + path);
    }
}
