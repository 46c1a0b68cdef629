package io.berth.core.api;

import io.berth.common.error.HarborException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Harbor's paging: {@code page} (from 1) and {@code page_size} (default 10, at most 100) in, the
 * {@code X-Total-Count} and {@code Link} (prev/next) headers out. Lists are always paged in SQL.
 */
public record Paging(int page, int pageSize) {
    public static final int MAX_PAGE_SIZE = 100;

    public static Paging of(Integer page, Integer pageSize) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? 10 : pageSize;
        if (p < 1) {
            throw HarborException.badRequest("page must be at least 1");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw HarborException.badRequest("page_size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new Paging(p, size);
    }

    public int offset() {
        return (page - 1) * pageSize;
    }

    /** 200 with the page's items as body and the paging headers. */
    public Response response(Page<?> page, UriInfo uri) {
        return response(page.items(), page.total(), uri);
    }

    /** 200 with the page as body and the paging headers. */
    public Response response(List<?> items, long total, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(items).header("X-Total-Count", total);
        StringBuilder link = new StringBuilder();
        if (page > 1) {
            link.append('<').append(target(uri, page - 1)).append(">; rel=\"prev\"");
        }
        if ((long) page * pageSize < total) {
            link.append(link.isEmpty() ? "" : " , ").append('<').append(target(uri, page + 1)).append(">; rel=\"next\"");
        }
        if (!link.isEmpty()) {
            response.header("Link", link.toString());
        }
        return response.build();
    }

    private String target(UriInfo uri, int targetPage) {
        var target = uri.getRequestUriBuilder().replaceQueryParam("page", targetPage).replaceQueryParam("page_size", pageSize).build();
        return target.getRawPath() + "?" + target.getRawQuery();
    }
}
