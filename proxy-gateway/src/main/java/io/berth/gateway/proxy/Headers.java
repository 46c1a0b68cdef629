package io.berth.gateway.proxy;

import io.berth.common.download.BlobFileHandoff;
import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Header rules of a reverse proxy (RFC 9110 §7.6.1): hop-by-hop headers stop here, the rest pass
 * unchanged. Host, Expect and Content-Length are not copied blindly; {@link ProxyHandler} sets them.
 */
final class Headers {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "expect", "content-length", "http2-settings",
            // between the gateway and registry-service only, never from or to a client
            BlobFileHandoff.REQUEST.toLowerCase(Locale.ROOT), BlobFileHandoff.PATH.toLowerCase(Locale.ROOT),
            BlobFileHandoff.OFFSET.toLowerCase(Locale.ROOT), BlobFileHandoff.LENGTH.toLowerCase(Locale.ROOT));

    private Headers() {}

    static void copyEndToEnd(MultiMap from, MultiMap to) {
        Set<String> named = namedInConnection(from);
        from.forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !named.contains(name) && !name.startsWith(":")) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    /** Headers listed in Connection, in any of its lines, are hop-by-hop too. */
    private static Set<String> namedInConnection(MultiMap headers) {
        Set<String> named = new HashSet<>();
        for (String line : headers.getAll("Connection")) {
            for (String name : line.split(",")) {
                named.add(name.strip().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }
}
