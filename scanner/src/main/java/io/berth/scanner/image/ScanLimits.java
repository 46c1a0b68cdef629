package io.berth.scanner.image;

/**
 * The caps that bound what one scan holds, whatever the image.
 *
 * @param maxFileBytes     the largest single file an analyzer reads into memory
 * @param maxArchiveBytes  the most bytes inflated from one archive, nested ones included
 * @param maxArchiveDepth  how deep nested archives are opened
 */
public record ScanLimits(long maxFileBytes, long maxArchiveBytes, int maxArchiveDepth) {
    public static final ScanLimits DEFAULTS = new ScanLimits(64L << 20, 1L << 30, 4);
}
