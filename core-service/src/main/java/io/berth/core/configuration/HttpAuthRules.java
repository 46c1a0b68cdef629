package io.berth.core.configuration;

import io.berth.common.tls.TrustedCertificates;
import java.net.URI;
import java.net.URISyntaxException;

/** What the {@code http_authproxy_*} values must look like; each rule answers null when a value is fine, else what is wrong. */
final class HttpAuthRules {
    /** The longest user or group name Berth keeps (as for database users). */
    static final int NAME_LENGTH = 255;

    private HttpAuthRules() {}

    /** Empty, or an absolute http(s) URL with a host and no user info or fragment. */
    static String url(String url) {
        if (url.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null && uri.getFragment() == null ? null : "the value must be an http:// or https:// URL";
        } catch (URISyntaxException e) {
            return "the value must be an http:// or https:// URL";
        }
    }

    /** Empty, or PEM certificates that can be read. */
    static String pem(String pem) {
        if (pem.isBlank()) {
            return null;
        }
        try {
            TrustedCertificates.parse(pem);
            return null;
        } catch (IllegalArgumentException e) {
            return "the value must be PEM certificates: " + e.getMessage();
        }
    }

    /** Empty, or names separated by commas, each 1 to 255 characters without control characters. */
    static String names(String list) {
        if (list.isBlank()) {
            return null;
        }
        for (String name : list.split(",", -1)) {
            String trimmed = name.trim();
            if (trimmed.isEmpty() || trimmed.length() > NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
                return "the value must be names separated by commas, each 1 to " + NAME_LENGTH + " characters";
            }
        }
        return null;
    }
}
