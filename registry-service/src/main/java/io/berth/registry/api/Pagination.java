package io.berth.registry.api;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@code n} and {@code last} parameters of tag and catalog listings, and their {@code Link} header. */
public record Pagination(int n, String last) {
    public static final int DEFAULT_PAGE = 1000;
    public static final int MAX_PAGE = 10_000;

    public static Pagination of(RoutingContext rc) {
        String n = rc.request().getParam("n");
        int size = DEFAULT_PAGE;
        if (n != null) {
            try {
                size = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new OciException(OciErrorCode.PAGINATION_NUMBER_INVALID, "n must be a number, not " + n);
            }
            if (size < 0) {
                throw new OciException(OciErrorCode.PAGINATION_NUMBER_INVALID, "n must not be negative");
            }
        }
        String last = rc.request().getParam("last");
        return new Pagination(Math.min(size, MAX_PAGE), last == null ? "" : last);
    }

    /** Sets {@code Link: <path?n=…&last=…>; rel="next"} when a full page was returned (there may be more). */
    public void link(RoutingContext rc, String path, List<String> page, boolean more) {
        if (more && !page.isEmpty()) {
            rc.response().putHeader("Link", "<" + path + "?n=" + n + "&last="
                    + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
    }
}
