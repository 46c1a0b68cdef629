package io.berth.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BerthConfigFileTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetLocation() {
        System.clearProperty(BerthConfigFile.LOCATION_PROPERTY);
    }

    private SmallRyeConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("berth.yaml");
        Files.writeString(file, yaml);
        System.setProperty(BerthConfigFile.LOCATION_PROPERTY, file.toString());
        return BerthConfigLoader.load(env);
    }

    @Test
    void everyKeyHasADefault() {
        SmallRyeConfig config = BerthConfigLoader.load(Map.of());
        assertThat(config.getConfigMapping(DeploymentConfig.class).externalUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.getConfigMapping(DatabaseConfig.class).url()).isEqualTo("postgresql://127.0.0.1:5432/berth");
        StorageConfig storage = config.getConfigMapping(StorageConfig.class);
        assertThat(storage.driver()).isEqualTo(StorageConfig.DriverKind.FILESYSTEM);
        assertThat(storage.filesystem().root()).isEqualTo("data/storage");
        assertThat(config.getConfigMapping(GatewayConfig.class).idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.getConfigMapping(TlsConfig.class).cert()).isEmpty();
        assertThat(config.getConfigMapping(DeploymentConfig.class).adminPassword()).isEmpty();
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        SmallRyeConfig config = load("""
                data_dir: /srv/berth
                database:
                  url: postgresql://db:5432/registry
                  user: reg
                log:
                  format: json
                """, Map.of("BERTH_DATABASE_USER", "from-env", "BERTH_GATEWAY_CONNECT_TIMEOUT", "250ms"));
        DatabaseConfig database = config.getConfigMapping(DatabaseConfig.class);
        assertThat(database.url()).isEqualTo("postgresql://db:5432/registry");
        assertThat(database.user()).isEqualTo("from-env");
        assertThat(database.password()).isEqualTo("berth");
        assertThat(config.getConfigMapping(LogConfig.class).format()).isEqualTo(LogConfig.Format.JSON);
        assertThat(config.getConfigMapping(StorageConfig.class).filesystem().root()).isEqualTo("/srv/berth/storage");
        assertThat(config.getConfigMapping(GatewayConfig.class).connectTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void eachServiceSectionHasTheSharedServiceKeys() throws Exception {
        SmallRyeConfig config = load("""
                registry:
                  url: http://registry.internal:8081
                core:
                  management_port: 9999
                """, Map.of("BERTH_JOBSERVICE_PORT", "18083"));
        RegistryConfig registry = config.getConfigMapping(RegistryConfig.class);
        assertThat(registry.url()).isEqualTo("http://registry.internal:8081");
        assertThat(registry.managementUrl()).isEqualTo("http://registry.internal:9081");
        assertThat(registry.auth()).isEqualTo(RegistryConfig.AuthMode.TOKEN);
        CoreConfig core = config.getConfigMapping(CoreConfig.class);
        assertThat(core.managementUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(core.loginFailureWindow()).isEqualTo(Duration.ofMinutes(15));
        JobserviceConfig jobservice = config.getConfigMapping(JobserviceConfig.class);
        assertThat(jobservice.port()).isEqualTo(18083);
        assertThat(jobservice.workers()).isEqualTo(4);
    }

    @Test
    void malformedYamlIsRefusedWithItsLine() {
        assertThatThrownBy(() -> load("database:\n  url: [unclosed\nredis: x\n", Map.of()))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("berth.yaml: malformed YAML at line 3");
    }

    @Test
    void aScalarDocumentIsRefused() {
        assertThatThrownBy(() -> load("just a string", Map.of()))
                .hasMessageContaining("top level must be a mapping");
    }

    @Test
    void unknownStorageDriverNamesTheKey() {
        assertThatThrownBy(() -> load("storage:\n  driver: floppy\n", Map.of()))
                .hasMessageContaining("berth.storage.driver")
                .hasMessageContaining("floppy");
    }

    @Test
    void anUnknownKeyIsRefusedWithItsName() {
        assertThatThrownBy(() -> load("""
                extrnal_url: https://registry.example.com
                databse:
                  url: postgresql://db:5432/berth
                storage:
                  s3:
                    buckt: blobs
                """, Map.of()))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("berth.extrnal_url")
                .hasMessageContaining("berth.databse.url")
                .hasMessageContaining("berth.storage.s3.buckt");
    }

    @Test
    void anExplicitLocationMustExist() {
        System.setProperty(BerthConfigFile.LOCATION_PROPERTY, dir.resolve("nope.yaml").toString());
        assertThatThrownBy(BerthConfigFile::location)
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
    }

    @Test
    void listsBecomeCommaSeparatedValues() {
        assertThat(YamlFlattener.flatten("berth", Map.of("redis", Map.of("url", java.util.List.of("a", "b")))))
                .containsEntry("berth.redis.url", "a,b");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(DurationValues.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationValues.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationValues.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationValues.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    }
}
