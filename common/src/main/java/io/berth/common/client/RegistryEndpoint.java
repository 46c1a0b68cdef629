package io.berth.common.client;

import java.net.URI;

/**
 * A registry to talk to: its base URL ({@code https://registry.example.com}), the credentials to log
 * in with (null for anonymous), and whether to skip TLS certificate verification.
 */
public record RegistryEndpoint(URI url, String username, String password, boolean insecure) {

    public RegistryEndpoint {
        String text = url.toString();
        if (text.endsWith("/")) {
            url = URI.create(text.substring(0, text.length() - 1));
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("registry URL must be http:// or https://: " + text);
        }
    }

    public boolean anonymous() {
        return username == null || username.isEmpty();
    }
}
