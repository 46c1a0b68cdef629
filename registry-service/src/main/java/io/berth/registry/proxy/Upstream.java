package io.berth.registry.proxy;

import io.berth.common.client.OciClient;
import io.berth.common.oci.RepositoryName;

/**
 * The registry a proxy-cache project pulls from (its registry endpoint in core, credentials unsealed) and the
 * client that talks to it, logging in as it asks (Docker's token flow, with the endpoint's basic credentials).
 */
record Upstream(String project, long registryId, String type, OciClient client) {

    /**
     * The upstream repository of a local one: the name without the project; on Docker Hub a single-component name
     * is an official image under {@code library/}, as Harbor maps it ({@code proxy/nginx} pulls {@code library/nginx}).
     */
    String repository(RepositoryName local) {
        return repository(type, local.value().substring(project.length() + 1));
    }

    static String repository(String type, String path) {
        return "docker-hub".equals(type) && !path.contains("/") ? "library/" + path : path;
    }

    /** Where an endpoint's registry API answers: Docker Hub's site URL (Harbor's default) serves it at registry-1. */
    static String apiUrl(String type, String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if ("docker-hub".equals(type) && trimmed.matches("https?://(www\\.)?hub\\.docker\\.com")) {
            return "https://registry-1.docker.io";
        }
        return trimmed;
    }
}
