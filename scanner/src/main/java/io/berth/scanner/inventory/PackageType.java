package io.berth.scanner.inventory;

/** The kinds of package the analyzers find; OS kinds get their OSV ecosystem from the image's OS release. */
public enum PackageType {
    DEB, APK, RPM, MAVEN, NPM, PYPI, GO;

    public boolean isOs() {
        return this == DEB || this == APK || this == RPM;
    }
}
