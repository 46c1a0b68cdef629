package io.berth.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key with its default, and the examples are valid. */
class ConfigurationDocsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(ROOT.resolve("docs/configuration.md"));
        for (Map.Entry<String, String> e : BerthConfigFile.defaults().entrySet()) {
            String key = e.getKey().substring(BerthConfigFile.PREFIX.length() + 1);
            assertThat(docs).as("docs/configuration.md row for " + key)
                    .contains("| `" + key + "` | `" + e.getValue() + "` |");
        }
        for (String optional : List.of("admin_password", "tls.cert", "tls.key", "storage.s3.bucket",
                "storage.s3.endpoint", "storage.s3.access_key", "storage.s3.secret_key", "storage.s3.prefix")) {
            assertThat(docs).contains("| `" + optional + "` | *(none)* |");
        }
    }

    @Test
    void theExamplesAreValidConfiguration() throws Exception {
        try (var examples = Files.list(ROOT.resolve("examples"))) {
            for (Path example : examples.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                System.setProperty(BerthConfigFile.LOCATION_PROPERTY, example.toString());
                try {
                    DeploymentConfig config = BerthConfigLoader.load(Map.of()).getConfigMapping(DeploymentConfig.class);
                    assertThat(config.externalUrl()).as(example.toString()).isNotBlank();
                } finally {
                    System.clearProperty(BerthConfigFile.LOCATION_PROPERTY);
                }
            }
        }
    }
}
