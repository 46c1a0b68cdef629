package io.berth.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
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

    private BerthConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("berth.yaml");
        Files.writeString(file, yaml);
        System.setProperty(BerthConfigFile.LOCATION_PROPERTY, file.toString());
        return BerthConfigLoader.load(env).getConfigMapping(BerthConfig.class);
    }

    @Test
    void everyKeyHasADefault() {
        BerthConfig config = BerthConfigLoader.load(Map.of()).getConfigMapping(BerthConfig.class);
        assertThat(config.externalUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.database().url()).isEqualTo("postgresql://127.0.0.1:5432/berth");
        assertThat(config.storage().driver()).isEqualTo(BerthConfig.StorageDriverKind.FILESYSTEM);
        assertThat(config.storage().filesystem().root()).isEqualTo("data/storage");
        assertThat(config.gateway().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.tls().cert()).isEmpty();
        assertThat(config.adminPassword()).isEmpty();
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        BerthConfig config = load("""
                data_dir: /srv/berth
                database:
                  url: postgresql://db:5432/registry
                  user: reg
                log:
                  format: json
                """, Map.of("BERTH_DATABASE_USER", "from-env", "BERTH_GATEWAY_CONNECT_TIMEOUT", "250ms"));
        assertThat(config.database().url()).isEqualTo("postgresql://db:5432/registry");
        assertThat(config.database().user()).isEqualTo("from-env");
        assertThat(config.database().password()).isEqualTo("berth");
        assertThat(config.log().format()).isEqualTo(BerthConfig.LogFormat.JSON);
        assertThat(config.storage().filesystem().root()).isEqualTo("/srv/berth/storage");
        assertThat(config.gateway().connectTimeout()).isEqualTo(Duration.ofMillis(250));
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
