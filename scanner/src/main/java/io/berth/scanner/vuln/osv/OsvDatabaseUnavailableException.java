package io.berth.scanner.vuln.osv;

/**
 * No OSV database to match against: none configured, the directory missing or holding no loadable record. A scan
 * must fail with this reason rather than report "no vulnerabilities".
 */
public final class OsvDatabaseUnavailableException extends RuntimeException {

    public OsvDatabaseUnavailableException(String message) {
        super(message);
    }

    public OsvDatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
