package io.berth.common.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives each service's Quarkus settings from berth.yaml, so that an operator writes one file and
 * the services never disagree. A service is known by its {@code quarkus.application.name}
 * (registry-service, core-service, jobservice, proxy-gateway, scanner). Ordinal 240: a service's
 * application.properties (250) and {@code QUARKUS_*} variables (300) still win.
 */
public class QuarkusSettings implements ConfigSourceFactory {
    private static final Map<String, String> SECTIONS = Map.of(
            "registry-service", "registry", "core-service", "core", "jobservice", "jobservice", "proxy-gateway", "gateway",
            "scanner", "scanner");
    public static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String service = SECTIONS.get(value(context, "quarkus.application.name", ""));
        if (service == null) {
            return List.of();
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.http.port", "${berth." + service + ".port}");
        settings.put("quarkus.management.port", "${berth." + service + ".management_port}");
        settings.put("quarkus.log.level", "${berth.log.level}");
        settings.put("quarkus.log.console.json.enabled",
                String.valueOf("json".equalsIgnoreCase(value(context, "berth.log.format", "text"))));
        if ("gateway".equals(service)) {
            gateway(context, settings);
        } else if (!"scanner".equals(service)) { // the scanner has no database and no Redis
            backend(settings);
        }
        return List.of(new MapBackedConfigSource("berth.yaml → quarkus", settings, ORDINAL) {});
    }

    private static void backend(Map<String, String> settings) {
        settings.put("quarkus.datasource.username", "${berth.database.user}");
        settings.put("quarkus.datasource.password", "${berth.database.password}");
        settings.put("quarkus.datasource.reactive.url", "${berth.database.url}");
        settings.put("quarkus.datasource.reactive.max-size", "${berth.database.max_connections}");
        settings.put("quarkus.datasource.jdbc.url", "jdbc:${berth.database.url}");
        settings.put("quarkus.redis.hosts", "${berth.redis.url}");
        settings.put("quarkus.redis.client-type", "${berth.redis.client_type}");
        settings.put("quarkus.redis.master-name", "${berth.redis.master_name}");
    }

    private static void gateway(ConfigSourceContext context, Map<String, String> settings) {
        settings.put("quarkus.shutdown.timeout", "${berth.gateway.shutdown_timeout}");
        String cert = value(context, "berth.tls.cert", "");
        String key = value(context, "berth.tls.key", "");
        if (!cert.isEmpty() || !key.isEmpty()) {
            requireFile("berth.tls.cert", cert);
            requireFile("berth.tls.key", key);
            settings.put("quarkus.http.ssl.certificate.files", "${berth.tls.cert}");
            settings.put("quarkus.http.ssl.certificate.key-files", "${berth.tls.key}");
            settings.put("quarkus.http.ssl-port", "${berth.tls.https_port}");
            settings.put("quarkus.http.insecure-requests",
                    Boolean.parseBoolean(value(context, "berth.tls.redirect_http", "false")) ? "redirect" : "enabled");
        }
    }

    private static void requireFile(String key, String path) {
        if (path.isEmpty()) {
            throw new ConfigFileException(key + " is required when TLS is configured");
        }
        if (!Files.isReadable(Path.of(path))) {
            throw new ConfigFileException(key + ": file " + path + " does not exist or cannot be read");
        }
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? fallback : v.getValue();
    }
}
