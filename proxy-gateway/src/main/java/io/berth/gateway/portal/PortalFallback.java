package io.berth.gateway.portal;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The portal is a single-page app: its files are served as static resources from the portal jar,
 * and any other GET that asks for a page (a client-side route such as /projects/7) gets index.html.
 */
@ApplicationScoped
public class PortalFallback {
    private static final String INDEX = "META-INF/resources/index.html";
    private final Buffer index = load();

    void register(@Observes Router router) {
        router.get().order(Integer.MAX_VALUE - 10).handler(rc -> {
            String path = rc.normalizedPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (path.startsWith("/q/") || last.contains(".")) {
                rc.next();
                return;
            }
            rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .end(index);
        });
    }

    private static Buffer load() {
        try (InputStream in = PortalFallback.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing: the portal jar is not on the classpath");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
