package io.berth.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logging in to one registry as it asks, once per repository and access: a 401's challenge answered
 * with Basic (the endpoint's credentials) or a Bearer token (from the realm it names, with those
 * credentials). The header that worked is kept and sent with every later request of that repository
 * and access; a token that expired earns another 401, and another login. A Berth service talking to its
 * own registry-service signs its tokens itself: at once, without waiting for a challenge.
 */
final class RegistryLogin {
    /** What a request does to a repository, and so the actions its token must grant. */
    enum Access {
        PULL("pull"),
        PUSH("pull,push"),
        /** Deleting a manifest or a tag: Distribution, Harbor and Berth require the {@code delete} action, which push does not imply. */
        DELETE("delete");

        private final String actions;

        Access(String actions) {
            this.actions = actions;
        }
    }

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final RegistryEndpoint endpoint;
    private final RegistryTransport transport;
    private final Function<List<String>, String> tokens;
    private final ObjectMapper json = new ObjectMapper();
    /** The Authorization header that works, per repository and access ("" for the registry itself). */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    RegistryLogin(RegistryEndpoint endpoint, RegistryTransport transport, Function<List<String>, String> tokens) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.tokens = tokens;
    }

    /** Puts the header that worked for this repository and access (if any; a token signed now when tokens are signed here) on the request. */
    HttpRequest.Builder authorize(HttpRequest.Builder request, String repository, Access access) {
        String authorization = tokens == null ? authorizations.get(key(repository, access))
                : authorizations.computeIfAbsent(key(repository, access), k -> "Bearer " + tokens.apply(scopes(repository, access)));
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        return request;
    }

    /** The header that worked for this repository and access, or null: none yet, or none needed. */
    String authorization(String repository, Access access) {
        return authorizations.get(key(repository, access));
    }

    /** Answers a 401's challenge: Basic with the endpoint's credentials, or a Bearer token from the realm it names. */
    void login(String repository, Access access, HttpResponse<?> challenged) {
        String challenge = challenged.headers().firstValue("WWW-Authenticate").orElse("");
        String basic = endpoint.anonymous() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((endpoint.username() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8));
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            if (basic == null) {
                throw new RegistryException(401, endpoint.url() + " requires credentials");
            }
            authorizations.put(key(repository, access), basic);
            return;
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new RegistryException(401, endpoint.url() + " refused the request without a usable challenge");
        }
        if (tokens != null) {
            authorizations.put(key(repository, access), "Bearer " + tokens.apply(scopes(repository, access)));
            return;
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        StringBuilder url = new StringBuilder(params.getOrDefault("realm", ""));
        url.append(url.indexOf("?") < 0 ? '?' : '&').append("service=")
                .append(URLEncoder.encode(params.getOrDefault("service", ""), StandardCharsets.UTF_8));
        for (String scope : scopes(repository, access)) {
            url.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30)).GET();
        if (basic != null) {
            tokenRequest.header("Authorization", basic);
        }
        HttpResponse<String> response;
        try {
            response = transport.send(tokenRequest.build(), HttpResponse.BodyHandlers.ofString());
        } catch (RegistryException e) {
            throw new RegistryException("token service " + params.get("realm") + ": " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(response.statusCode(),
                    "token service " + params.get("realm") + " refused the credentials of " + endpoint.url() + " (" + response.statusCode() + ")");
        }
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText();
            authorizations.put(key(repository, access), "Bearer " + token);
        } catch (IOException e) {
            throw new RegistryException(502, "token service " + params.get("realm") + ": malformed answer");
        }
    }

    /** The scopes a request needs: its access to the repository, pull on a mount's source ({@code "repo\nfrom"}), or the catalog. */
    static List<String> scopes(String repository, Access access) {
        if (repository == null) {
            return List.of("registry:catalog:*");
        }
        String[] names = repository.split("\n");
        List<String> scopes = new ArrayList<>();
        scopes.add("repository:" + names[0] + ":" + access.actions);
        if (names.length > 1) {
            scopes.add("repository:" + names[1] + ":pull");
        }
        return scopes;
    }

    private static String key(String repository, Access access) {
        return repository == null ? "" : repository + "#" + access;
    }
}
