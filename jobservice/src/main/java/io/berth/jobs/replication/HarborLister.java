package io.berth.jobs.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.client.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the repositories of a Berth or Harbor through its REST API ({@code /api/v2.0/projects} and
 * their repositories), which shows what the account may see — unlike {@code /v2/_catalog}, which
 * Harbor and Berth grant to system administrators only.
 */
final class HarborLister {
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 10_000; // a server that ignores "page" must not keep us here forever

    private final RegistryEndpoint endpoint;
    private final HttpClient http;
    private final ObjectMapper json;

    HarborLister(RegistryEndpoint endpoint, HttpClient http, ObjectMapper json) {
        this.endpoint = endpoint;
        this.http = http;
        this.json = json;
    }

    List<String> repositories() {
        List<String> repositories = new ArrayList<>();
        for (JsonNode project : pages("/api/v2.0/projects")) {
            String name = project.path("name").asText();
            for (JsonNode repository : pages("/api/v2.0/projects/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/repositories")) {
                repositories.add(repository.path("name").asText());
            }
        }
        return repositories;
    }

    /** The names of the labels an artifact carries (by tag or digest); none if it is not there. */
    Set<String> labels(String repository, String reference) {
        int slash = repository.indexOf('/');
        String path = "/api/v2.0/projects/" + URLEncoder.encode(repository.substring(0, slash), StandardCharsets.UTF_8)
                + "/repositories/" + URLEncoder.encode(URLEncoder.encode(repository.substring(slash + 1), StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                + "/artifacts/" + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "?with_label=true";
        HttpResponse<String> response = get(path);
        if (response.statusCode() == 404) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        read(response, path).path("labels").forEach(label -> names.add(label.path("name").asText()));
        return names;
    }

    private HttpResponse<String> get(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + pathAndQuery))
                .timeout(Duration.ofMinutes(1)).header("Accept", "application/json");
        if (!endpoint.anonymous()) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((endpoint.username() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryException("GET " + endpoint.url() + pathAndQuery + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }

    private JsonNode read(HttpResponse<String> response, String path) {
        if (response.statusCode() != 200) {
            throw new RegistryException(response.statusCode(), "GET " + endpoint.url() + path + " answered " + response.statusCode());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(response.statusCode(), "GET " + endpoint.url() + path + ": malformed JSON");
        }
    }

    private List<JsonNode> pages(String path) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode items = read(get(path + "?page=" + page + "&page_size=" + PAGE), path);
            items.forEach(all::add);
            if (items.size() < PAGE) {
                return all;
            }
            if (page == MAX_PAGES) {
                throw new RegistryException(502, "GET " + endpoint.url() + path + ": more than " + MAX_PAGES + " pages");
            }
        }
        return all;
    }
}
