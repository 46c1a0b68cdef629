package io.berth.common.scan;

/**
 * The registry token a SCAN task gives the adapter to pull the one repository it scans. Its subject contains a colon,
 * which no user name can (a colon ends the name in Basic authentication) and no robot name does, so registry-service
 * can tell the scanner's own pulls from everyone else's: they are exempt from pull policies such as
 * {@code prevent_vul} (an image must be pulled to be scanned), as in Harbor.
 */
public final class ScannerPull {
    /** The {@code sub} of the scanner's pull token. */
    public static final String SUBJECT = "berth:scanner";

    private ScannerPull() {}
}
