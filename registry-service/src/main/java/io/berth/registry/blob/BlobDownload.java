package io.berth.registry.blob;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.registry.api.OciErrorWithHeaders;

/**
 * The byte range a blob GET asks for ({@code Range: bytes=…}), resolved against the blob's size. As RFC 9110
 * §14 has it, the whole blob is sent instead when the Range is in another unit, asks for several ranges
 * (allowed to be ignored; no client of a registry sends them), or comes with an {@code If-Range} that is
 * not the blob's ETag.
 */
record BlobDownload(long offset, long length, boolean partial) {

    static BlobDownload of(String rangeHeader, String ifRange, String etag, long size) {
        BlobDownload whole = new BlobDownload(0, size, false);
        if (rangeHeader == null || rangeHeader.isBlank() || (ifRange != null && !ifRange.trim().equals(etag))) {
            return whole;
        }
        String spec = rangeHeader.trim();
        if (!spec.regionMatches(true, 0, "bytes=", 0, 6) || spec.contains(",")) {
            return whole;
        }
        String range = spec.substring(6).trim();
        int dash = range.indexOf('-');
        if (dash < 0) {
            throw unsatisfiable(size, "malformed range: " + rangeHeader);
        }
        try {
            String first = range.substring(0, dash).trim();
            String last = range.substring(dash + 1).trim();
            long start;
            long end;
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    throw unsatisfiable(size, "empty suffix range: " + rangeHeader);
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            }
            if (start < 0 || start >= size || end < start) {
                throw unsatisfiable(size, "range " + rangeHeader + " is outside the " + size + " bytes of the blob");
            }
            return new BlobDownload(start, end - start + 1, true);
        } catch (NumberFormatException e) {
            throw unsatisfiable(size, "malformed range: " + rangeHeader);
        }
    }

    private static OciException unsatisfiable(long size, String message) {
        return new OciErrorWithHeaders(OciErrorCode.RANGE_INVALID, message, java.util.Map.of("Content-Range", "bytes */" + size));
    }

    String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }
}
