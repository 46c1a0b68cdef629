package io.berth.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which upstream repository and URL a proxy-cache project's pull goes to, as Harbor maps them. */
class UpstreamNamesTest {

    @Test
    void dockerHubOfficialImagesGetTheLibraryPrefix() {
        assertThat(Upstream.repository("docker-hub", "nginx")).isEqualTo("library/nginx");
        assertThat(Upstream.repository("docker-hub", "library/nginx")).isEqualTo("library/nginx");
        assertThat(Upstream.repository("docker-hub", "bitnami/redis")).isEqualTo("bitnami/redis");
    }

    @Test
    void otherRegistriesGetTheNameAsPulled() {
        assertThat(Upstream.repository("docker-registry", "nginx")).isEqualTo("nginx");
        assertThat(Upstream.repository("quay", "coreos/etcd")).isEqualTo("coreos/etcd");
    }

    @Test
    void dockerHubsSiteUrlMeansItsRegistryApi() {
        assertThat(Upstream.apiUrl("docker-hub", "https://hub.docker.com")).isEqualTo("https://registry-1.docker.io");
        assertThat(Upstream.apiUrl("docker-hub", "https://hub.docker.com/")).isEqualTo("https://registry-1.docker.io");
        assertThat(Upstream.apiUrl("docker-hub", "https://mirror.example.com")).isEqualTo("https://mirror.example.com");
        assertThat(Upstream.apiUrl("docker-registry", "http://127.0.0.1:5000/")).isEqualTo("http://127.0.0.1:5000");
    }
}
