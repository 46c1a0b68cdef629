package io.berth.core.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The value checks of the OIDC keys of {@link ConfigKey}: null when a value is acceptable, else what is wrong with it. */
final class ConfigKeyRules {
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"); // RFC 6749 scope-token
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,128}");

    private ConfigKeyRules() {}

    /** {@code http(s)://host[:port][/path]}, no query or fragment; empty: not configured. */
    static String httpUrl(String url) {
        if (url.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(url);
            boolean ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            return ok ? null : "the value must be an http(s)://host[:port][/path] URL without query, fragment or credentials";
        } catch (URISyntaxException e) {
            return "the value must be an http(s)://host[:port][/path] URL: " + e.getMessage();
        }
    }

    static String oidcScope(String scope) {
        String[] scopes = scope.split(",", -1);
        if (!Arrays.stream(scopes).map(String::trim).allMatch(s -> SCOPE_TOKEN.matcher(s).matches())) {
            return "the value must be scopes separated by commas, e.g. openid,offline_access";
        }
        return Arrays.stream(scopes).map(String::trim).anyMatch("openid"::equals) ? null : "the scopes must include openid";
    }

    static String claimName(String claim) {
        return claim.isEmpty() || CLAIM.matcher(claim).matches() ? null : "the value must be a claim name, e.g. groups";
    }

    static String regex(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "the value must be a regular expression: " + e.getDescription();
        }
    }
}
