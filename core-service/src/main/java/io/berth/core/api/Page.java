package io.berth.core.api;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and the total it is a page of: what a service answers a list request with, and
 * what {@link Paging#response(Page, jakarta.ws.rs.core.UriInfo)} writes with Harbor's paging headers.
 */
public record Page<T>(List<T> items, long total) {

    /** The page {@code paging} selects of a Panache query, each row made a view, and the query's total. */
    public static <E, T> Page<T> of(PanacheQuery<E> query, Paging paging, Function<? super E, T> view) {
        List<T> items = query.page(paging.page() - 1, paging.pageSize()).<E>list().stream().<T>map(view).toList();
        return new Page<>(items, query.count());
    }
}
