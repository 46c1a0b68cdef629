package io.berth.core.configuration;

import io.berth.common.config.BerthConfigFile;
import io.berth.common.config.TokenConfig;
import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.secret.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Harbor's run-time settings, the one place core's features read them from. A value is, in order: the operator's
 * (berth.yaml {@code configurations.*}, not editable through the API), the one stored through the API, the default.
 * Stored values are read from PostgreSQL at most every {@link #REFRESH} (so another replica's change is seen within
 * it, and no request waits on the database for a setting); a change made here is seen at once.
 */
@ApplicationScoped
public class Configurations {
    static final Duration REFRESH = Duration.ofSeconds(2);
    /** The one user that may exist when auth_mode changes. */
    private static final String ADMIN = "admin";

    private final Map<ConfigKey, Object> pinned = new EnumMap<>(ConfigKey.class);
    private final Duration tokenExpiration;
    private final Secrets secrets;
    private final AuditLog audit;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Long.MIN_VALUE);

    private record Snapshot(Map<ConfigKey, String> stored, long loadedAt) {}

    /** A key as the API shows it: its value (null for a secret) and whether the API may change it. */
    public record Entry(Object value, boolean editable) {}

    Configurations(Config config, TokenConfig token, Secrets secrets, AuditLog audit) {
        for (ConfigKey key : ConfigKey.values()) {
            config.getOptionalValue(BerthConfigFile.PREFIX + ".configurations." + key.harborName(), String.class)
                    .ifPresent(text -> pinned.put(key, key.check(key.decode(text))));
        }
        String together = ConfigKey.ldapTogether(pinned::get);
        if (together != null) {
            throw new IllegalStateException("berth.yaml: " + together);
        }
        this.tokenExpiration = token.expiration();
        this.secrets = secrets;
        this.audit = audit;
    }

    public String authMode() {
        return (String) value(ConfigKey.AUTH_MODE);
    }

    public boolean readOnly() {
        return (Boolean) value(ConfigKey.READ_ONLY);
    }

    public boolean selfRegistration() {
        return (Boolean) value(ConfigKey.SELF_REGISTRATION);
    }

    /** Whether only system administrators may create projects (Harbor's {@code adminonly}). */
    public boolean projectCreationAdminOnly() {
        return "adminonly".equals(value(ConfigKey.PROJECT_CREATION_RESTRICTION));
    }

    /** Days a robot created with Harbor's {@code duration: 0} lives. */
    public int robotTokenDuration() {
        return (Integer) value(ConfigKey.ROBOT_TOKEN_DURATION);
    }

    /** How long a registry token lives. */
    public Duration tokenExpiration() {
        return Duration.ofMinutes((Integer) value(ConfigKey.TOKEN_EXPIRATION));
    }

    /** A secret in clear, for the feature that uses it (never for the API). */
    public Optional<String> secret(ConfigKey key) {
        if (key.type() != ConfigKey.Type.SECRET) {
            throw new IllegalArgumentException(key + " is not a secret");
        }
        return Optional.ofNullable((String) value(key));
    }

    /** The value in effect, typed as its key says. */
    public Object value(ConfigKey key) {
        Object operator = pinned.get(key);
        if (operator != null) {
            return operator;
        }
        String stored = stored().get(key);
        if (stored != null) {
            return key.type() == ConfigKey.Type.SECRET ? secrets.open(stored) : key.decode(stored);
        }
        return key == ConfigKey.TOKEN_EXPIRATION ? (int) Math.max(1, tokenExpiration.toMinutes()) : key.defaultValue();
    }

    /** Every key with its value and editability, as {@code GET /configurations} answers; secrets are left out. */
    public Map<String, Entry> all() {
        Map<String, Entry> all = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.type() != ConfigKey.Type.SECRET) {
                all.put(key.harborName(), new Entry(value(key), !pinned.containsKey(key)));
            }
        }
        return all;
    }

    /**
     * Applies a {@code PUT /configurations} body: all of it or, on the first key that is unknown, not acted on,
     * pinned in berth.yaml or of the wrong type, none of it (400). {@code auth_mode} changes only while no user but
     * admin exists, as in Harbor.
     */
    public void update(Map<String, Object> changes) {
        if (changes == null || changes.isEmpty()) {
            throw HarborException.badRequest("a JSON object of configuration keys and values is required");
        }
        Map<ConfigKey, Object> checked = new EnumMap<>(ConfigKey.class);
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            ConfigKey key = ConfigKey.byName(change.getKey()).orElseThrow(() -> HarborException.badRequest(
                    "configuration " + change.getKey() + ": " + HarborKeys.whyRefused(change.getKey())));
            if (pinned.containsKey(key)) {
                throw HarborException.badRequest("configuration " + key.harborName()
                        + " is set in berth.yaml (configurations." + key.harborName() + ") and cannot be changed through the API");
            }
            checked.put(key, key.check(change.getValue()));
        }
        String together = ConfigKey.ldapTogether(key -> checked.containsKey(key) ? checked.get(key) : value(key));
        if (together != null) {
            throw HarborException.badRequest(together);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Object mode = checked.get(ConfigKey.AUTH_MODE);
            if (mode != null && !mode.equals(authMode()) && otherUsersExist()) {
                throw HarborException.badRequest("auth_mode cannot be changed while users other than admin exist");
            }
            OffsetDateTime now = OffsetDateTime.now();
            checked.forEach((key, value) -> save(key, value, now));
            audit.success(null, String.join(",", checked.keySet().stream().map(ConfigKey::harborName).toList()),
                    "configuration", "update");
        });
        snapshot = load();
    }

    private void save(ConfigKey key, Object value, OffsetDateTime now) {
        StoredSetting setting = StoredSetting.findById(key.harborName());
        if (setting == null) {
            setting = new StoredSetting();
            setting.key = key.harborName();
        }
        boolean secret = key.type() == ConfigKey.Type.SECRET;
        setting.value = secret ? secrets.seal((String) value) : String.valueOf(value);
        setting.sealed = secret;
        setting.updateTime = now;
        setting.persist();
    }

    private Map<ConfigKey, String> stored() {
        Snapshot current = snapshot;
        if (current.loadedAt() == Long.MIN_VALUE || System.nanoTime() - current.loadedAt() > REFRESH.toNanos()) {
            current = load();
            snapshot = current;
        }
        return current.stored();
    }

    private static Snapshot load() {
        List<StoredSetting> rows = QuarkusTransaction.requiringNew().call(() -> StoredSetting.<StoredSetting>listAll());
        Map<ConfigKey, String> stored = new EnumMap<>(ConfigKey.class);
        rows.forEach(row -> ConfigKey.byName(row.key).ifPresent(key -> stored.put(key, row.value)));
        return new Snapshot(Map.copyOf(stored), System.nanoTime());
    }

    /** Whether users other than admin exist (read with SQL: users depend on the configuration, not the other way round). */
    private static boolean otherUsersExist() {
        Number others = (Number) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM core.users WHERE username <> ?1").setParameter(1, ADMIN).getSingleResult();
        return others.longValue() > 0;
    }
}
