package io.berth.scanner.inventory;

import java.util.List;

/** What the analyzers made of one file of the image: packages, and the OS release if the file was os-release. */
public record FileFindings(List<FoundPackage> packages, OsRelease os) {
    public static final FileFindings NONE = new FileFindings(List.of(), null);

    public static FileFindings of(List<FoundPackage> packages) {
        return packages.isEmpty() ? NONE : new FileFindings(List.copyOf(packages), null);
    }

    public boolean isEmpty() {
        return packages.isEmpty() && os == null;
    }
}
