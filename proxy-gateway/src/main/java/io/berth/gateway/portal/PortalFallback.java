package io.berth.gateway.portal;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * The portal is a single-page app: its files are served as static resources from the portal jar,
 * and any other GET that asks for a page (a client-side route such as /projects/7, or
 * /projects/p/repositories/app.v2 that a browser navigates to) gets index.html. Every portal response
 * carries a Content-Security-Policy that allows only the portal's own files: no inline script or style,
 * no other origin, no framing. A portal built with {@code -Dportal.skip} has no index.html: pages then
 * say so, and the registry and the API work as ever.
 */
@ApplicationScoped
public class PortalFallback {
    private static final Logger LOG = Logger.getLogger(PortalFallback.class);
    private static final String RESOURCES = "META-INF/resources";
    private static final String INDEX = RESOURCES + "/index.html";

    /**
     * What the portal needs and nothing more: its scripts, styles and fonts from this origin, images from
     * it or inline data (PatternFly's CSS draws a few icons as data: SVGs), API calls to this origin.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    static final String NO_PORTAL = "This Berth was built without its web portal (-Dportal.skip): the registry (/v2/) and "
            + "the API (/api/v2.0/) work; build without -Dportal.skip to get the portal.\n";

    private final Buffer index = load();

    void register(@Observes Router router) {
        if (index == null) {
            LOG.warn(INDEX + " is not on the classpath: the portal was built with -Dportal.skip, pages answer 404");
        }
        // after the proxied routes (order -1000, which end their requests): only portal responses get here
        router.route().order(-900).handler(PortalFallback::portalHeaders);
        router.get().order(Integer.MAX_VALUE - 10).handler(rc -> {
            String path = rc.normalizedPath();
            if (path.startsWith("/q/") || path.startsWith("/assets/") || !wantsPage(rc, path) || isFile(path)) {
                rc.next();
                return;
            }
            if (index == null) {
                rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end(NO_PORTAL);
                return;
            }
            rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .end(index);
        });
    }

    private static void portalHeaders(RoutingContext rc) {
        String path = rc.normalizedPath();
        rc.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin");
        rc.addHeadersEndHandler(v -> {
            var headers = rc.response().headers();
            String type = headers.get("Content-Type");
            if (path.startsWith("/assets/") && rc.response().getStatusCode() == 200) {
                // Vite names these files by their content hash: a new build has new names
                headers.set("Cache-Control", "public, max-age=31536000, immutable");
            } else if (type != null && type.startsWith("text/html")) {
                // the page names the current build's files: always ask whether it changed
                headers.set("Cache-Control", "no-cache");
            }
        });
        rc.next();
    }

    /** A page the browser asks for: a path whose last segment has no dot, or a navigation (Accept: text/html). */
    private static boolean wantsPage(RoutingContext rc, String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        String accept = rc.request().getHeader("Accept");
        return !last.contains(".") || (accept != null && accept.contains("text/html"));
    }

    /** A file of the portal (the static handler serves those). */
    private static boolean isFile(String path) {
        return !path.endsWith("/") && PortalFallback.class.getClassLoader().getResource(RESOURCES + path) != null;
    }

    private static Buffer load() {
        try (InputStream in = PortalFallback.class.getClassLoader().getResourceAsStream(INDEX)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
