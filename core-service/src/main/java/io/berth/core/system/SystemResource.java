package io.berth.core.system;

import io.berth.common.config.DeploymentConfig;
import io.berth.common.config.StorageConfig;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import io.berth.core.views.RegistryViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code /api/v2.0/ping}, {@code /systeminfo}, {@code /health} and {@code /statistics}, in Harbor's shapes. */
@Path("/api/v2.0")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {
    private final DeploymentConfig deployment;
    private final StorageConfig storage;
    private final CurrentCaller current;
    private final ComponentHealth health;
    private final ProjectAccess access;
    private final RegistryViews registry;
    private final Configurations configurations;
    private final String version;

    SystemResource(DeploymentConfig deployment, StorageConfig storage, CurrentCaller current, ComponentHealth health,
            ProjectAccess access, RegistryViews registry, Configurations configurations,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.deployment = deployment;
        this.storage = storage;
        this.current = current;
        this.health = health;
        this.access = access;
        this.registry = registry;
        this.configurations = configurations;
        this.version = version;
    }

    /** Harbor's liveness answer: {@code Pong}, to anyone, without asking any other component. */
    @GET
    @Path("/ping")
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "Pong";
    }

    /** What a client needs before logging in; the rest only to authenticated callers, as Harbor does. */
    @GET
    @Path("/systeminfo")
    public Map<String, Object> systemInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("auth_mode", configurations.authMode());
        info.put("primary_auth_mode", false);
        info.put("self_registration", configurations.selfRegistration());
        info.put("harbor_version", "berth-" + version);
        info.put("with_notary", false);
        if (current.get().authenticated()) {
            URI external = URI.create(deployment.externalUrl());
            info.put("external_url", deployment.externalUrl());
            info.put("registry_url", external.getAuthority());
            info.put("project_creation_restriction", configurations.projectCreationAdminOnly() ? "adminonly" : "everyone");
            info.put("has_ca_root", false);
            info.put("read_only", configurations.readOnly());
            info.put("registry_storage_provider_name", storage.driver().name().toLowerCase());
            info.put("with_chartmuseum", false);
            info.put("notification_enable", false);
            info.put("current_time", OffsetDateTime.now(ZoneOffset.UTC));
        }
        return info;
    }

    /** 200 with every component's state; the overall status is unhealthy when any component is. */
    @GET
    @Path("/health")
    public Map<String, Object> health() {
        List<ComponentHealth.Component> components = health.check();
        boolean healthy = components.stream().allMatch(c -> c.error() == null);
        return Map.of("status", healthy ? "healthy" : "unhealthy", "components", components);
    }

    /** Project and repository counts over what the caller may see; storage use only for system administrators. */
    @GET
    @Path("/statistics")
    public Response statistics() {
        Caller caller = current.authenticated();
        List<Project> visible = access.projects(caller, Action.READ_PROJECT);
        List<String> publicNames = visible.stream().filter(Project::isPublic).map(p -> p.name).toList();
        List<String> privateNames = visible.stream().filter(p -> !p.isPublic()).map(p -> p.name).toList();
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("private_project_count", privateNames.size());
        statistics.put("private_repo_count", registry.repositoryCount(privateNames));
        statistics.put("public_project_count", publicNames.size());
        statistics.put("public_repo_count", registry.repositoryCount(publicNames));
        statistics.put("total_project_count", visible.size());
        statistics.put("total_repo_count", (long) statistics.get("private_repo_count") + (long) statistics.get("public_repo_count"));
        if (caller.sysadmin()) {
            statistics.put("total_storage_consumption", registry.usedBytes());
        }
        return Response.ok(statistics).build();
    }
}
