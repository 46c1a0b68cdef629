package io.berth.scanner.report;

/** The scanner as reports and metadata name it. */
public record ScannerInfo(String name, String vendor, String version) {
    public static final ScannerInfo BERTH = new ScannerInfo("Berth", "Berth", "0.1.0");
}
