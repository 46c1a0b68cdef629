package io.berth.scanner.image;

import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.client.Retry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An OCI client for the registry a scan request names, with the {@code Authorization} value Harbor hands over:
 * {@code Basic <base64 user:password>} (a robot account: the client logs in as the registry asks, for a token or with
 * Basic), {@code Bearer <token>} (sent as it is), or nothing (anonymous).
 */
public final class RegistryAccess {
    private RegistryAccess() {}

    /** @throws IllegalArgumentException for a URL that is not http(s) or an authorization of another scheme */
    public static OciClient client(String url, String authorization) {
        URI uri = URI.create(url.strip());
        if (authorization == null || authorization.isBlank()) {
            return new OciClient(new RegistryEndpoint(uri, null, null, false), new Retry(3, Duration.ofMillis(500)), Duration.ofMinutes(5), null);
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credentials = space < 0 ? "" : value.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("registry.authorization: Basic credentials are not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("registry.authorization: Basic credentials are not user:password");
            }
            return new OciClient(new RegistryEndpoint(uri, decoded.substring(0, colon), decoded.substring(colon + 1), false),
                    new Retry(3, Duration.ofMillis(500)), Duration.ofMinutes(5), null);
        }
        if (scheme.equalsIgnoreCase("Bearer") && !credentials.isEmpty()) {
            return new OciClient(new RegistryEndpoint(uri, null, null, false), new Retry(3, Duration.ofMillis(500)), Duration.ofMinutes(5),
                    scopes -> credentials);
        }
        throw new IllegalArgumentException("registry.authorization must be 'Basic <credentials>' or 'Bearer <token>'");
    }
}
