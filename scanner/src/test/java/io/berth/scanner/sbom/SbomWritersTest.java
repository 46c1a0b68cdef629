package io.berth.scanner.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.berth.scanner.inventory.ImageRef;
import io.berth.scanner.inventory.InstalledPackage;
import io.berth.scanner.inventory.Inventory;
import io.berth.scanner.inventory.OsRelease;
import io.berth.scanner.report.ScannerInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** The SBOMs validate: CycloneDX 1.5 with cyclonedx-core-java's own validating parser, SPDX 2.3 against SPDX's JSON schema. */
public class SbomWritersTest {
    static final Inventory INVENTORY = new Inventory(
            new ImageRef("library/app", "sha256:" + "a".repeat(64), "application/vnd.oci.image.manifest.v1+json", "linux", "amd64"),
            new OsRelease("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)"),
            List.of(new InstalledPackage("Debian:12", "libssl3", "3.0.19-1~deb12u2", "openssl", "3.0.19-1~deb12u2",
                            "pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64&distro=debian-12", "/var/lib/dpkg/status", "sha256:" + "b".repeat(64)),
                    new InstalledPackage("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "org.apache.logging.log4j:log4j-core", "2.14.1",
                            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "/app/shop.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar", "sha256:" + "c".repeat(64)),
                    new InstalledPackage("npm", "@babel/core", "7.12.0", "@babel/core", "7.12.0", "pkg:npm/%40babel/core@7.12.0",
                            "/app/package-lock.json", "sha256:" + "c".repeat(64))),
            1234);

    @Test
    void cycloneDxValidatesAndListsEveryPackageByPurl() throws Exception {
        JsonNode json = CycloneDxWriter.write(INVENTORY, ScannerInfo.BERTH);
        assertThat(validCycloneDx(json)).isTrue();
        Bom bom = new JsonParser().parse(json.toString().getBytes());
        assertThat(bom.getSpecVersion()).isEqualTo("1.5");
        assertThat(bom.getMetadata().getComponent().getType()).isEqualTo(Component.Type.CONTAINER);
        assertThat(purls(json)).containsExactly("pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64&distro=debian-12",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "pkg:npm/%40babel/core@7.12.0");
    }

    @Test
    void spdxValidatesAgainstTheSchema() throws IOException {
        JsonNode json = SpdxWriter.write(INVENTORY, ScannerInfo.BERTH);
        assertThat(spdxErrors(json)).isEmpty();
        assertThat(json.path("packages")).hasSize(5); // the image, the OS, three packages
        assertThat(json.path("relationships")).hasSize(5);
    }

    @Test
    void schemaCatchesABrokenSpdxDocument() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode json = SpdxWriter.write(INVENTORY, ScannerInfo.BERTH);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("packages").get(0)).put("filesAnalyzed", "no");
        json.remove("creationInfo");
        json.putObject("creationInfo").put("created", "now");
        assertThat(spdxErrors(json)).isNotEmpty();
    }

    public static boolean validCycloneDx(JsonNode json) throws IOException {
        return new JsonParser().validate(json, Version.VERSION_15).isEmpty();
    }

    public static Set<ValidationMessage> spdxErrors(JsonNode json) throws IOException {
        try (InputStream schema = Files.newInputStream(Path.of("src/test/resources/spdx/spdx-schema-2.3.json"))) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(new ObjectMapper().readTree(schema));
            return s.validate(json);
        }
    }

    public static List<String> purls(JsonNode cycloneDx) {
        List<String> purls = new ArrayList<>();
        cycloneDx.path("components").forEach(c -> {
            if (c.has("purl")) {
                purls.add(c.get("purl").asText());
            }
        });
        return purls;
    }
}
