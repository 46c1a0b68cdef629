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
import java.util.List;

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

    private List<JsonNode> pages(String path) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + path + "?page=" + page + "&page_size=" + PAGE))
                    .timeout(Duration.ofMinutes(1)).header("Accept", "application/json");
            if (!endpoint.anonymous()) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((endpoint.username() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new RegistryException("GET " + endpoint.url() + path + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                throw new RegistryException(response.statusCode(), "GET " + endpoint.url() + path + " answered " + response.statusCode());
            }
            try {
                JsonNode items = json.readTree(response.body());
                items.forEach(all::add);
                if (items.size() < PAGE) {
                    return all;
                }
                if (page == MAX_PAGES) {
                    throw new RegistryException(502, "GET " + endpoint.url() + path + ": more than " + MAX_PAGES + " pages");
                }
            } catch (IOException e) {
                throw new RegistryException(response.statusCode(), "GET " + endpoint.url() + path + ": malformed JSON");
            }
        }
        return all;
    }
}
