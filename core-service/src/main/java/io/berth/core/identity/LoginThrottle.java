package io.berth.core.identity;

import io.berth.common.config.BerthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Slows down password guessing: after {@code core.login_failures_per_account} failures for one
 * account, or {@code core.login_failures_per_address} from one client address, within
 * {@code core.login_failure_window}, further attempts for that account (or from that address) are
 * refused until the window passes. Counters live in Redis, so every replica of core sees them;
 * other accounts and addresses are not affected.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    private static final String PREFIX = "berth:login-failures:";

    private final RedisDataSource redis;
    private final int perAccount;
    private final int perAddress;
    private final long windowSeconds;

    LoginThrottle(RedisDataSource redis, BerthConfig config) {
        this.redis = redis;
        this.perAccount = config.core().loginFailuresPerAccount();
        this.perAddress = config.core().loginFailuresPerAddress();
        this.windowSeconds = config.core().loginFailureWindow().toSeconds();
    }

    /** Recent failures for an account and from an address (one round trip); null counts when Redis is unavailable. */
    public record Failures(Long account, Long address) {
        public boolean any() {
            return account != null && account > 0;
        }
    }

    public Failures failures(String account, String address) {
        try {
            var values = redis.value(Long.class).mget(PREFIX + "account:" + account, PREFIX + "address:" + address);
            return new Failures(values.get(PREFIX + "account:" + account), values.get(PREFIX + "address:" + address));
        } catch (RuntimeException e) {
            LOG.debugf("login throttle unavailable: %s", e.getMessage());
            return new Failures(null, null); // Redis down must not lock everybody out
        }
    }

    /** Whether attempts with these recent failures are refused. */
    public boolean blocked(Failures failures) {
        return (failures.account() != null && failures.account() >= perAccount)
                || (failures.address() != null && failures.address() >= perAddress);
    }

    public void failed(String account, String address) {
        try {
            count(PREFIX + "account:" + account);
            count(PREFIX + "address:" + address);
        } catch (RuntimeException e) {
            LOG.debugf("login throttle unavailable: %s", e.getMessage());
        }
    }

    public void succeeded(String account) {
        try {
            redis.key().del(PREFIX + "account:" + account);
        } catch (RuntimeException e) {
            LOG.debugf("login throttle unavailable: %s", e.getMessage());
        }
    }

    private void count(String key) {
        long n = redis.value(Long.class).incr(key);
        if (n == 1) {
            redis.key().expire(key, windowSeconds);
        }
    }

}
