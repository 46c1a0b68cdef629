package io.berth.core.authproxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' TokenReview ({@code authentication.k8s.io/v1}) as the auth proxy speaks it: the request
 * {@code {"apiVersion","kind":"TokenReview","spec":{"token"}}} and the answer's {@code status.authenticated},
 * {@code status.user.username} and {@code status.user.groups} ({@code authenticated} left out means false, as
 * Kubernetes writes it). An answer of another shape, or with a name Berth cannot keep, is refused whole.
 */
public final class TokenReviews {
    static final String API_VERSION = "authentication.k8s.io/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the review said: whether the token is valid and, if so, whose it is and their groups (normalized). */
    public record Review(boolean authenticated, String username, List<String> groups, String error) {}

    private TokenReviews() {}

    static byte[] request(String token) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", API_VERSION).put("kind", "TokenReview");
        review.putObject("spec").put("token", token);
        try {
            return JSON.writeValueAsBytes(review);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The review in an answer; IllegalArgumentException saying what is wrong with it. */
    static Review parse(byte[] answer) {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON");
        }
        if (root == null || !root.isObject() || !"TokenReview".equals(root.path("kind").asText(null))
                || !root.path("apiVersion").asText("").startsWith("authentication.k8s.io/")) {
            throw new IllegalArgumentException("no kind TokenReview of apiVersion authentication.k8s.io/*");
        }
        JsonNode status = root.path("status");
        if (!status.isObject()) {
            throw new IllegalArgumentException("no status object");
        }
        JsonNode authenticated = status.path("authenticated");
        if (!authenticated.isMissingNode() && !authenticated.isBoolean()) {
            throw new IllegalArgumentException("status.authenticated is not a boolean");
        }
        String error = status.path("error").isTextual() ? status.path("error").asText() : "";
        if (!authenticated.asBoolean(false)) {
            return new Review(false, null, List.of(), error);
        }
        JsonNode username = status.path("user").path("username");
        if (!username.isTextual() || !Names.valid(username.asText())) {
            throw new IllegalArgumentException("status.user.username is not a user name of 1 to " + Names.LENGTH + " characters");
        }
        List<String> groups = new ArrayList<>();
        JsonNode list = status.path("user").path("groups");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("status.user.groups is not a list");
            }
            for (JsonNode group : list) {
                if (!group.isTextual() || !Names.valid(group.asText())) {
                    throw new IllegalArgumentException("status.user.groups holds a value that is not a group name of 1 to "
                            + Names.LENGTH + " characters");
                }
                groups.add(AuthProxySettings.normalize(group.asText()));
            }
        }
        return new Review(true, AuthProxySettings.normalize(username.asText()), List.copyOf(groups), error);
    }

    /** The {@code session_id} of the endpoint's answer to a login (Harbor's contract), or null when it gives none. */
    static String sessionId(byte[] answer) {
        try {
            JsonNode id = answer.length == 0 ? null : JSON.readTree(answer).path("session_id");
            return id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
        } catch (IOException e) {
            return null; // Harbor too takes a body that is not JSON as no session
        }
    }
}
