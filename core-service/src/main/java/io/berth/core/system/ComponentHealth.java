package io.berth.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.JobserviceConfig;
import io.berth.common.config.RegistryConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The state of every part of Berth as Harbor's {@code /api/v2.0/health} reports it: core itself,
 * its database and Redis (checked from here), registry-service and jobservice (their readiness
 * endpoints), and blob storage (registry-service's storage check, the only service that reaches it).
 */
@ApplicationScoped
public class ComponentHealth {
    public record Component(String name, String status, String error) {
        static Component of(String name, String error) {
            return new Component(name, error == null ? "healthy" : "unhealthy", error);
        }
    }

    private final EntityManager em;
    private final RedisDataSource redis;
    private final HealthApi registry;
    private final HealthApi jobservice;
    private final ObjectMapper json;

    ComponentHealth(EntityManager em, RedisDataSource redis, RegistryConfig registryConfig,
            JobserviceConfig jobserviceConfig, ObjectMapper json) {
        this.em = em;
        this.redis = redis;
        this.registry = client(registryConfig.managementUrl());
        this.jobservice = client(jobserviceConfig.managementUrl());
        this.json = json;
    }

    private static HealthApi client(String url) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url)).connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.SECONDS).property("microprofile.rest.client.disable.default.mapper", true).build(HealthApi.class);
    }

    public List<Component> check() {
        List<Component> components = new ArrayList<>();
        components.add(Component.of("core", null));
        components.add(Component.of("database", failure(() -> em.createNativeQuery("SELECT 1").getSingleResult())));
        components.add(Component.of("redis", failure(() -> redis.execute("PING"))));
        JsonNode registryReadiness = readiness(registry);
        components.add(Component.of("registry", registryReadiness == null ? "registry-service does not answer"
                : down(registryReadiness, null)));
        components.add(Component.of("storage", registryReadiness == null ? "unknown: registry-service does not answer"
                : down(registryReadiness, "storage")));
        JsonNode jobs = readiness(jobservice);
        components.add(Component.of("jobservice", jobs == null ? "jobservice does not answer" : down(jobs, null)));
        return components;
    }

    private JsonNode readiness(HealthApi service) {
        try (Response response = service.ready()) {
            return json.readTree(response.readEntity(String.class));
        } catch (Exception e) {
            return null;
        }
    }

    /** Why the document (or its check named {@code check}) is down, or null if it is up. */
    private static String down(JsonNode readiness, String check) {
        List<String> failing = new ArrayList<>();
        for (JsonNode c : readiness.path("checks")) {
            boolean selected = check == null || check.equals(c.path("name").asText());
            if (selected && !"UP".equals(c.path("status").asText())) {
                failing.add(c.path("name").asText() + (c.path("data").isMissingNode() ? "" : " " + c.path("data")));
            }
        }
        if (check == null && failing.isEmpty() && !"UP".equals(readiness.path("status").asText())) {
            failing.add("not ready");
        }
        return failing.isEmpty() ? null : String.join("; ", failing);
    }

    private static String failure(Runnable probe) {
        try {
            probe.run();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
