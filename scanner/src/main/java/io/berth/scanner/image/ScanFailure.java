package io.berth.scanner.image;

/** A scan that cannot finish, with the reason its report gives (a corrupt layer, a zip bomb, an index, a refused pull). */
public class ScanFailure extends RuntimeException {
    public ScanFailure(String message) {
        super(message);
    }

    public ScanFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
