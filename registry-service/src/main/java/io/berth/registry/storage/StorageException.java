package io.berth.registry.storage;

/** A storage operation failed; names the driver and the path. */
public class StorageException extends RuntimeException {
    private final String driver;
    private final String path;

    public StorageException(String driver, String path, String message) {
        this(driver, path, message, null);
    }

    public StorageException(String driver, String path, String message, Throwable cause) {
        super(driver + ": " + message, cause);
        this.driver = driver;
        this.path = path;
    }

    public String driver() {
        return driver;
    }

    public String path() {
        return path;
    }
}
