package io.berth.registry.upload;

/**
 * The {@code Content-Range} of a chunk sent with an upload's PATCH or PUT: the inclusive positions
 * {@code <start>-<end>} of its bytes, bare as the distribution spec writes it or after {@code bytes } or
 * {@code bytes=}, with a {@code /<total>} after it ignored.
 */
record ContentRange(long start, long end) {

    /** The range {@code header} names, or null when it is malformed. */
    static ContentRange parse(String header) {
        String range = header.trim().replaceFirst("^bytes[ =]", "");
        int dash = range.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            return new ContentRange(Long.parseLong(range.substring(0, dash).trim()),
                    Long.parseLong(range.substring(dash + 1).replaceFirst("/.*$", "").trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
