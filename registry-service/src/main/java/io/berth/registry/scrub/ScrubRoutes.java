package io.berth.registry.scrub;

import io.berth.common.scrub.ScrubCheck;
import io.berth.common.token.Audiences;
import io.berth.registry.api.InternalApi;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The internal scrub API that jobservice's {@code SCRUB} job pages through (docs/scrub.md): {@code POST
 * /internal/scrub/check} ({@link ScrubCheck} → {@link io.berth.common.scrub.ScrubChecked}), for tokens of audience
 * {@code berth-registry-scrub} only ({@link InternalApi}). Idempotent: a page checked again only finds what is wrong now.
 */
@ApplicationScoped
public class ScrubRoutes {
    static final String PREFIX = "/internal/scrub/";

    private final InternalApi api;
    private final Scrubber scrubber;

    ScrubRoutes(InternalApi api, Scrubber scrubber) {
        this.api = api;
        this.scrubber = scrubber;
    }

    void register(@Observes Router router) {
        api.guard(router, PREFIX, Audiences.REGISTRY_SCRUB);
        api.post(router, PREFIX + "check", ScrubCheck.class, scrubber::check);
    }
}
