package io.berth.core.scanner;

import io.berth.common.config.ScannerConfig;
import io.berth.common.scan.ScannerAdapter;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * When Berth runs its own scanner ({@code scanner.builtin_url}, which {@code ./berth up} and the Helm chart set), core
 * keeps a registration for it, named {@value #NAME}, pulling through registry-service's internal URL, and makes it the
 * system default when there is no default. Every start does this; replicas starting together are kept apart by the
 * registration's unique name and the one-default index, never by looking first: an {@code INSERT … ON CONFLICT (name)}
 * that points the registration at the configured URL, then an {@code UPDATE} that sets the default only while none is.
 * A registration of that URL under another name (made by an administrator) is left as it is.
 */
@ApplicationScoped
public class BuiltinScannerRegistration {
    public static final String NAME = "Berth built-in";
    private static final Logger LOG = Logger.getLogger(BuiltinScannerRegistration.class);

    private final ScannerConfig config;
    private final EntityManager em;

    BuiltinScannerRegistration(ScannerConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    void onStart(@Observes @Priority(12) StartupEvent event) {
        config.builtinUrl().filter(url -> !url.isBlank()).ifPresent(url -> {
            String checked;
            try {
                checked = ScannerAdapter.checkUrl(url.trim()).replaceAll("/+$", "");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("scanner.builtin_url: " + e.getMessage(), e);
            }
            try {
                ensure(checked);
            } catch (PersistenceException e) {
                // another default, or a registration of this URL, was made at the same moment: look again
                LOG.debugf(e, "scanner registration %s: trying again", NAME);
                ensure(checked);
            }
        });
    }

    /** Creates or re-points the built-in registration and makes it the default if there is none; idempotent. */
    @Transactional
    public void ensure(String url) {
        int inserted = em.createNativeQuery("INSERT INTO core.scanner_registration (uuid, name, description, url, use_internal_addr) "
                + "SELECT :uuid, :name, :description, :url, true "
                + "WHERE NOT EXISTS (SELECT 1 FROM core.scanner_registration WHERE url = :url AND name <> :name) "
                + "ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, update_time = now() "
                + "WHERE scanner_registration.url <> EXCLUDED.url")
                .setParameter("uuid", UUID.randomUUID().toString()).setParameter("name", NAME)
                .setParameter("description", "the scanner ./berth up or the Helm chart runs with Berth (docs/scanner.md)")
                .setParameter("url", url).executeUpdate();
        int madeDefault = em.createNativeQuery("UPDATE core.scanner_registration SET is_default = true, update_time = now() "
                + "WHERE name = :name AND url = :url AND NOT disabled "
                + "AND NOT EXISTS (SELECT 1 FROM core.scanner_registration WHERE is_default)")
                .setParameter("name", NAME).setParameter("url", url).executeUpdate();
        if (inserted > 0 || madeDefault > 0) {
            LOG.infof("scanner registration %s: %s%s", NAME, url, madeDefault > 0 ? " (the system default)" : "");
        }
    }
}
