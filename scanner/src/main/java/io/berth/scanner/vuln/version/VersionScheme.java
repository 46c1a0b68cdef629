package io.berth.scanner.vuln.version;

/**
 * The order of versions in one packaging ecosystem: what OSV calls an ECOSYSTEM range is evaluated with it.
 * Implementations are stateless and thread-safe.
 */
public interface VersionScheme {

    /**
     * Compares two versions of this scheme.
     *
     * @return a negative number, zero or a positive number as {@code a} sorts before, equal to or after {@code b}
     * @throws InvalidVersionException when either is not a version of this scheme
     */
    int compare(String a, String b);

    /** The scheme's name, for logs and errors ({@code dpkg}, {@code apk}, {@code PEP 440}). */
    String name();
}
