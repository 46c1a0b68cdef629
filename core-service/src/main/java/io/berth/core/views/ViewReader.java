package io.berth.core.views;

import io.berth.core.api.Paging;
import io.berth.core.api.SqlValues;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.util.List;
import java.util.Map;

/** Native reads with named parameters, as each owner's views are read: one number (a count, a sum), or rows (a page of them if paging is given). */
final class ViewReader {
    private final EntityManager em;

    ViewReader(EntityManager em) {
        this.em = em;
    }

    long scalar(String sql, Map<String, Object> params) {
        var query = em.createNativeQuery(sql);
        params.forEach(query::setParameter);
        return SqlValues.number(query.getSingleResult());
    }

    @SuppressWarnings("unchecked")
    List<Tuple> tuples(String sql, Map<String, Object> params, Paging paging) {
        var query = em.createNativeQuery(sql, Tuple.class);
        params.forEach(query::setParameter);
        if (paging != null) {
            query.setFirstResult(paging.offset()).setMaxResults(paging.pageSize());
        }
        return query.getResultList();
    }
}
