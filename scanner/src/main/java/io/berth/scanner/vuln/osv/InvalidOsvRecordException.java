package io.berth.scanner.vuln.osv;

/** An OSV record that lacks what the schema requires; the loader skips it and says why. */
public final class InvalidOsvRecordException extends RuntimeException {

    public InvalidOsvRecordException(String message) {
        super(message);
    }
}
