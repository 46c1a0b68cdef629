package io.berth.core.label;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which labels artifacts carry: rows of {@code artifact_label}, an artifact being a repository and a digest. */
@ApplicationScoped
public class ArtifactLabels {
    private final EntityManager em;

    ArtifactLabels(EntityManager em) {
        this.em = em;
    }

    /** The labels of these artifacts of one repository, by digest, each list ordered by name. */
    public Map<String, List<Label.View>> of(String repository, List<String> digests) {
        Map<String, List<Label.View>> labels = new LinkedHashMap<>();
        if (digests.isEmpty()) {
            return labels;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.digest, a.label_id FROM core.artifact_label a JOIN core.label l ON l.id = a.label_id "
                        + "WHERE a.repository = ?1 AND a.digest IN (?2) ORDER BY l.name, l.id")
                .setParameter(1, repository).setParameter(2, digests).getResultList();
        List<Long> ids = rows.stream().map(row -> ((Number) row[1]).longValue()).distinct().toList();
        Map<Long, Label> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            Label.<Label>list("id in ?1", ids).forEach(label -> byId.put(label.id, label));
        }
        for (Object[] row : rows) {
            labels.computeIfAbsent((String) row[0], d -> new ArrayList<>()).add(byId.get(((Number) row[1]).longValue()).view());
        }
        return labels;
    }

    /** Attaches the label; false if the artifact had it already. */
    public boolean add(long labelId, String repository, String digest) {
        return em.createNativeQuery("INSERT INTO core.artifact_label (label_id, repository, digest) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, labelId).setParameter(2, repository).setParameter(3, digest).executeUpdate() > 0;
    }

    public boolean remove(long labelId, String repository, String digest) {
        return em.createNativeQuery("DELETE FROM core.artifact_label WHERE label_id = ?1 AND repository = ?2 AND digest = ?3")
                .setParameter(1, labelId).setParameter(2, repository).setParameter(3, digest).executeUpdate() > 0;
    }

    /** Takes every label off an artifact (registry-service deleted it). */
    public void removeAll(String repository, String digest) {
        em.createNativeQuery("DELETE FROM core.artifact_label WHERE repository = ?1 AND digest = ?2")
                .setParameter(1, repository).setParameter(2, digest).executeUpdate();
    }
}
