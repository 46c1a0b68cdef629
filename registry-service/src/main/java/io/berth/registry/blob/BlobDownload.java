package io.berth.registry.blob;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.registry.api.OciErrorWithHeaders;

/** The byte range a blob GET asks for ({@code Range: bytes=…}), resolved against the blob's size. */
record BlobDownload(long offset, long length, boolean partial) {

    static BlobDownload of(String rangeHeader, long size) {
        if (rangeHeader == null || rangeHeader.isBlank()) {
            return new BlobDownload(0, size, false);
        }
        String spec = rangeHeader.trim();
        if (!spec.startsWith("bytes=") || spec.contains(",")) {
            throw unsatisfiable(size, "only one range of bytes is supported: " + rangeHeader);
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
