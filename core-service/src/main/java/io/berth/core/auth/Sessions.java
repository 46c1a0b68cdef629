package io.berth.core.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.identity.Caller;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Portal sessions, kept in Redis so that any replica of core recognises them: a random session id
 * in an HttpOnly cookie, an idle timeout of 30 minutes, and a CSRF token that unsafe requests must
 * echo in {@code X-Harbor-CSRF-Token}.
 */
@ApplicationScoped
public class Sessions {
    public static final String COOKIE = "sid";
    public static final String CSRF_HEADER = "X-Harbor-CSRF-Token";
    private static final String PREFIX = "berth:session:";
    private static final Duration IDLE = Duration.ofMinutes(30);

    private final RedisDataSource redis;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    Sessions(RedisDataSource redis) {
        this.redis = redis;
    }

    /** A new session for the caller; returns its id and CSRF token. */
    public Map<String, String> open(Caller caller) {
        String id = randomToken();
        String csrf = randomToken();
        try {
            String value = json.writeValueAsString(Map.of("kind", caller.kind().name(), "id", caller.id(),
                    "name", caller.name(), "sysadmin", caller.sysadmin(), "csrf", csrf));
            redis.value(String.class).setex(PREFIX + id, IDLE.toSeconds(), value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("id", id, "csrf", csrf);
    }

    /** The portal's session cookie for a session id: HttpOnly, SameSite=Strict, for the whole site. */
    public static jakarta.ws.rs.core.NewCookie cookie(String id) {
        return new jakarta.ws.rs.core.NewCookie.Builder(COOKIE).value(id).path("/").httpOnly(true)
                .sameSite(jakarta.ws.rs.core.NewCookie.SameSite.STRICT).build();
    }

    /** The caller of a live session (and its idle timer restarts). */
    public Optional<Caller> caller(String id) {
        return data(id).map(d -> new Caller(Caller.Kind.valueOf((String) d.get("kind")), ((Number) d.get("id")).longValue(),
                (String) d.get("name"), (Boolean) d.get("sysadmin")));
    }

    public boolean csrfValid(String id, String token) {
        return token != null && data(id).map(d -> MessageDigest.isEqual(((String) d.get("csrf")).getBytes(), token.getBytes()))
                .orElse(false);
    }

    public Optional<String> csrf(String id) {
        return data(id).map(d -> (String) d.get("csrf"));
    }

    public void close(String id) {
        redis.key().del(PREFIX + id);
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> data(String id) {
        if (id == null || id.length() > 100) {
            return Optional.empty();
        }
        String value = redis.value(String.class).getex(PREFIX + id, new io.quarkus.redis.datasource.value.GetExArgs().ex(IDLE));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(value, Map.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
