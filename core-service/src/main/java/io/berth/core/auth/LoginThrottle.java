package io.berth.core.auth;

import io.berth.common.config.CoreConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Duration;

/**
 * Slows down password guessing without letting a guesser lock the owner out. Failures are counted per
 * account and client address within {@code core.login_failure_window}:
 * <ul>
 * <li>after {@code core.login_failures_per_account} failures for one account from one address, that
 *     address's attempts on that account are refused (429) until the window passes;</li>
 * <li>after {@code core.login_failures_per_address} failures from one address, whatever the accounts,
 *     its attempts are refused;</li>
 * <li>failures for one account from all addresses together are never a refusal: from
 *     {@code core.login_failures_per_account} on, each further failed attempt is answered only after a
 *     delay, 0.5 s doubling up to 5 s. The right password is never delayed, so the guesser slows down
 *     their own guesses, not the owner's logins.</li>
 * </ul>
 * The counts are in PostgreSQL, shared by every replica of core and kept through a Redis flush. They are
 * read before a password is checked and written only on a failure, so a burst of concurrent attempts can
 * each pass the check before the first of its failures is recorded.
 */
@ApplicationScoped
public class LoginThrottle {
    static final Duration FIRST_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final EntityManager em;
    private final int perAccount;
    private final int perAddress;
    private final long windowSeconds;

    LoginThrottle(EntityManager em, CoreConfig config) {
        this.em = em;
        this.perAccount = config.loginFailuresPerAccount();
        this.perAddress = config.loginFailuresPerAddress();
        this.windowSeconds = config.loginFailureWindow().toSeconds();
    }

    /** Recent failures for an account (from any address), for it from this address, and from this address (any account). */
    public record Failures(long account, long pair, long address) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Failures failures(String account, String address) {
        Tuple t = (Tuple) em.createNativeQuery("SELECT coalesce(sum(failures) FILTER (WHERE account = :account), 0) AS account, "
                + "coalesce(sum(failures) FILTER (WHERE account = :account AND address = :address), 0) AS pair, "
                + "coalesce(sum(failures) FILTER (WHERE address = :address), 0) AS address FROM core.login_failure "
                + "WHERE (account = :account OR address = :address) AND window_start > now() - make_interval(secs => :window)", Tuple.class)
                .setParameter("account", account).setParameter("address", address).setParameter("window", windowSeconds).getSingleResult();
        return new Failures(((Number) t.get("account")).longValue(), ((Number) t.get("pair")).longValue(),
                ((Number) t.get("address")).longValue());
    }

    /** Whether attempts with these recent failures are refused: only for the address that made them. */
    public boolean denied(Failures failures) {
        return failures.pair() >= perAccount || failures.address() >= perAddress;
    }

    /** Records a failed attempt made with {@code before} recent failures; how long its answer waits. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Duration failed(String account, String address, Failures before) {
        em.createNativeQuery("INSERT INTO core.login_failure (account, address, failures) VALUES (:account, :address, 1) "
                + "ON CONFLICT (account, address) DO UPDATE SET "
                + "failures = CASE WHEN login_failure.window_start > now() - make_interval(secs => :window) THEN login_failure.failures + 1 ELSE 1 END, "
                + "window_start = CASE WHEN login_failure.window_start > now() - make_interval(secs => :window) THEN login_failure.window_start "
                + "ELSE now() END")
                .setParameter("account", account).setParameter("address", address).setParameter("window", windowSeconds).executeUpdate();
        return delay(before.account() + 1);
    }

    /** The owner got in from this address: their earlier mistakes there are forgiven; other addresses' are not. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(String account, String address) {
        em.createNativeQuery("DELETE FROM core.login_failure WHERE account = :account AND address = :address")
                .setParameter("account", account).setParameter("address", address).executeUpdate();
    }

    /** The delay of a failed attempt, the {@code accountFailures}-th within the window for its account. */
    Duration delay(long accountFailures) {
        if (accountFailures < perAccount) {
            return Duration.ZERO;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(accountFailures - perAccount, 16));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldFailures() {
        em.createNativeQuery("DELETE FROM core.login_failure WHERE window_start < now() - make_interval(secs => :window)")
                .setParameter("window", windowSeconds).executeUpdate();
    }
}
