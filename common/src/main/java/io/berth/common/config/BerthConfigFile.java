package io.berth.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Finds and reads {@code berth.yaml}, the one configuration file of every Berth process.
 * Keys in the file are written without prefix ({@code database: {url: …}}) and become
 * {@code berth.database.url}.
 */
public final class BerthConfigFile {
    public static final String PREFIX = "berth";
    /** System property, then environment variable, naming the file; otherwise ./berth.yaml if it exists. */
    public static final String LOCATION_PROPERTY = "berth.config";
    public static final String LOCATION_ENV = "BERTH_CONFIG";
    private static final String DEFAULTS_RESOURCE = "berth-defaults.yaml";

    private BerthConfigFile() {}

    /** The file to read, if any. A location named explicitly must exist. */
    public static Optional<Path> location() {
        String named = System.getProperty(LOCATION_PROPERTY, System.getenv(LOCATION_ENV));
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isRegularFile(path)) {
                throw new ConfigFileException("configuration file " + path.toAbsolutePath()
                        + " (named by " + LOCATION_PROPERTY + " / " + LOCATION_ENV + ") does not exist");
            }
            return Optional.of(path);
        }
        Path local = Path.of("berth.yaml");
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    /** The built-in defaults of every key, as {@code berth.*} properties. */
    public static Map<String, String> defaults() {
        try (InputStream in = BerthConfigFile.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            return YamlFlattener.flatten(PREFIX, yaml().load(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    /** Reads a berth.yaml into {@code berth.*} properties; a malformed file is refused with its line. */
    public static Map<String, String> read(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            Object tree = yaml().load(reader);
            if (tree != null && !(tree instanceof Map)) {
                throw new ConfigFileException(path + ": malformed YAML: the top level must be a mapping of keys");
            }
            return YamlFlattener.flatten(PREFIX, tree);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new ConfigFileException(path + ": malformed YAML at line " + (mark.getLine() + 1)
                    + ", column " + (mark.getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigFileException(path + ": malformed YAML: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ConfigFileException("configuration file " + path + " does not exist");
        } catch (IOException e) {
            throw new ConfigFileException(path + ": cannot be read: " + e.getMessage());
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
