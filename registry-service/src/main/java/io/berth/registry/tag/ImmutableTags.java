package io.berth.registry.tag;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.common.selector.Selector;
import io.berth.common.selector.SelectorException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Harbor's immutable tag rules, as registry-service applies them: read from core's
 * {@code core.immutable_rule_view} (core's documented read contract, db/core V8) inside the transaction
 * that would move or delete a tag, one indexed query by project; no call to core.
 *
 * <p>A rule protects a tag when each of its repository selectors selects the repository's name without the
 * project ({@code app/web} in {@code proj/app/web}) and each of its tag selectors selects the tag.
 *
 * <p>When the view does not exist (core-service not migrated to V8 yet) no rule can exist either, since the
 * view is created with the table that holds them: tags are then mutable (open). Every other failure to
 * read the rules fails the push or delete (closed): a rule that exists is never skipped. A stored selector
 * that cannot be compiled, or a regular expression abandoned for backtracking too long, counts as matching
 * (closed) as well.
 */
@ApplicationScoped
public class ImmutableTags {
    private static final Logger LOG = Logger.getLogger(ImmutableTags.class);
    private static final int MAX_CACHED = 1024;

    /** An enabled rule of a project, compiled. */
    public record Rule(long id, List<Selector> repositories, List<Selector> tags) {
        boolean protects(String repository, String tag) {
            return selects(repositories, repository) && selects(tags, tag);
        }

        private static boolean selects(List<Selector> selectors, String candidate) {
            try {
                return selectors == null || Selector.allSelect(selectors, candidate);
            } catch (SelectorException e) {
                LOG.warnf("immutable tag rule: %s; the tag is protected", e.getMessage());
                return true;
            }
        }
    }

    /** Once seen, the view stays: a view is only ever added. Until then its existence is checked per request (cheap). */
    private volatile boolean viewPresent;
    /** Selectors compiled by their stored JSON: rules change rarely, pushes often. Null stands for "does not compile". */
    private final Map<String, List<Selector>> compiled = new ConcurrentHashMap<>();

    /** The tags among {@code tags} that an enabled rule of the repository's project protects, each with the first rule that does. */
    public Future<Map<String, Rule>> protectedAmong(SqlClient tx, RepositoryName repository, Collection<String> tags) {
        if (tags.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return rules(tx, repository.project()).map(rules -> {
            Map<String, Rule> protectedTags = new LinkedHashMap<>();
            String name = withoutProject(repository);
            for (String tag : tags) {
                for (Rule rule : rules) {
                    if (rule.protects(name, tag)) {
                        protectedTags.put(tag, rule);
                        break;
                    }
                }
            }
            return protectedTags;
        });
    }

    /** The refusal of a change to a protected tag: Harbor's status, code and message, naming the tag and the rule. */
    public static OciException refusal(RepositoryName repository, String tag, Rule rule, String change) {
        return new OciException(OciErrorCode.TAG_IMMUTABLE, "Failed to process request due to '" + repository + ":" + tag
                + "' configured as immutable (immutable tag rule " + rule.id() + " of project " + repository.project() + "): "
                + change, Map.of("tag", tag, "rule", rule.id()));
    }

    /** The enabled rules of a project, in priority order. */
    Future<List<Rule>> rules(SqlClient tx, String project) {
        Future<Boolean> present = viewPresent ? Future.succeededFuture(true)
                : tx.query("SELECT to_regclass('core.immutable_rule_view') IS NOT NULL").execute().map(rows -> {
                    boolean found = rows.iterator().next().getBoolean(0);
                    viewPresent = found;
                    return found;
                });
        return present.compose(found -> !found ? Future.succeededFuture(List.<Rule>of())
                : tx.preparedQuery("SELECT id, tag_selectors::text, repository_selectors::text FROM core.immutable_rule_view "
                                + "WHERE project = $1 AND NOT disabled ORDER BY priority, id")
                        .execute(Tuple.of(project)).map(rows -> {
                            List<Rule> rules = new ArrayList<>();
                            for (Row row : rows) {
                                rules.add(new Rule(row.getLong(0), selectors(Selector.Target.REPOSITORY, row.getString(2)),
                                        selectors(Selector.Target.TAG, row.getString(1))));
                            }
                            return rules;
                        }));
    }

    /**
     * Whether an enabled rule of {@code project} protects one of {@code tags} of {@code repository}, read over a JDBC
     * connection (garbage collection's): the rule that does, or null.
     */
    public Rule protecting(java.sql.Connection c, String project, String repository, Collection<String> tags) throws java.sql.SQLException {
        if (tags.isEmpty()) {
            return null;
        }
        try (java.sql.PreparedStatement present = c.prepareStatement("SELECT to_regclass('core.immutable_rule_view') IS NOT NULL");
                java.sql.ResultSet rs = present.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return null;
            }
        }
        String name = repository.indexOf('/') < 0 ? repository : repository.substring(repository.indexOf('/') + 1);
        try (java.sql.PreparedStatement st = c.prepareStatement("SELECT id, tag_selectors::text, repository_selectors::text "
                + "FROM core.immutable_rule_view WHERE project = ? AND NOT disabled ORDER BY priority, id")) {
            st.setString(1, project);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Rule rule = new Rule(rs.getLong(1), selectors(Selector.Target.REPOSITORY, rs.getString(3)),
                            selectors(Selector.Target.TAG, rs.getString(2)));
                    for (String tag : tags) {
                        if (rule.protects(name, tag)) {
                            return rule;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** The selectors of a stored JSON array; null (protecting everything it is asked about) if they do not compile. */
    private List<Selector> selectors(Selector.Target target, String json) {
        String key = target + json;
        List<Selector> found = compiled.get(key);
        if (found != null || compiled.containsKey(key)) {
            return found;
        }
        List<Selector> selectors;
        try {
            selectors = new ArrayList<>();
            for (Object o : new JsonArray(json)) {
                JsonObject s = (JsonObject) o;
                selectors.add(Selector.of(target, s.getString("kind"), s.getString("decoration"), s.getString("pattern")));
            }
            selectors = List.copyOf(selectors);
        } catch (RuntimeException e) {
            LOG.warnf("immutable tag rule selectors %s do not compile (%s): every tag of the project counts as protected", json,
                    e.getMessage());
            selectors = null;
        }
        if (compiled.size() >= MAX_CACHED) {
            compiled.clear();
        }
        if (selectors != null) {
            compiled.put(key, selectors);
        }
        return selectors;
    }

    static String withoutProject(RepositoryName repository) {
        String value = repository.value();
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(slash + 1);
    }
}
