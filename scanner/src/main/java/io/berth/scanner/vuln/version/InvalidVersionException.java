package io.berth.scanner.vuln.version;

/** A version string that its ecosystem's grammar does not accept; the matcher then cannot place it in a range. */
public final class InvalidVersionException extends IllegalArgumentException {

    public InvalidVersionException(String scheme, String version) {
        super("'" + version + "' is not a " + scheme + " version");
    }

    public InvalidVersionException(String scheme, String version, Throwable cause) {
        super("'" + version + "' is not a " + scheme + " version", cause);
    }
}
