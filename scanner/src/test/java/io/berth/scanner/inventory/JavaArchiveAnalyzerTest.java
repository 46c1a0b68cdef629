package io.berth.scanner.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.scanner.image.ScanFailure;
import io.berth.scanner.image.ScanLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;

/** Real jars from Maven Central, a fat jar nesting them, a manifest-only jar and a zip bomb. */
class JavaArchiveAnalyzerTest {
    private final JavaArchiveAnalyzer analyzer = new JavaArchiveAnalyzer();

    @Test
    void pomPropertiesOfARealJar() throws IOException {
        try (InputStream in = Files.newInputStream(TestArchives.LOG4J)) {
            assertThat(analyzer.analyze("/opt/app/log4j-core-2.14.1.jar", in, ScanLimits.DEFAULTS).packages())
                    .containsExactly(FoundPackage.of(PackageType.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1"));
        }
    }

    @Test
    void nestedJarsOfAFatJarAreFoundWhereTheyLie() throws IOException {
        assertThat(analyzer.analyze("/app/shop.jar", new ByteArrayInputStream(TestArchives.fatJar()), ScanLimits.DEFAULTS).packages())
                .containsExactlyInAnyOrder(
                        FoundPackage.of(PackageType.MAVEN, "com.example:shop", "1.0.0"),
                        FoundPackage.of(PackageType.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1")
                                .within("BOOT-INF/lib/log4j-core-2.14.1.jar"));
    }

    @Test
    void jacksonJarFromMavenCentral() throws IOException {
        try (InputStream in = Files.newInputStream(TestArchives.JACKSON)) {
            assertThat(analyzer.analyze("/opt/legacy/jackson-databind-2.9.8.jar", in, ScanLimits.DEFAULTS).packages())
                    .containsExactly(FoundPackage.of(PackageType.MAVEN, "com.fasterxml.jackson.core:jackson-databind", "2.9.8"));
        }
    }

    @Test
    void manifestFallbackNeedsGroupArtifactAndVersion() {
        Attributes main = new Attributes();
        main.putValue("Implementation-Version", "3.2.1");
        main.putValue("Bundle-SymbolicName", "org.example.widgets");
        assertThat(JavaArchiveAnalyzer.fromManifest(main, "widgets-3.2.1.jar"))
                .isEqualTo(FoundPackage.of(PackageType.MAVEN, "org.example:widgets", "3.2.1"));
        assertThat(JavaArchiveAnalyzer.fromManifest(main, "widgets.jar")).isNull();
        main.putValue("Implementation-Vendor-Id", "com.vendor");
        assertThat(JavaArchiveAnalyzer.fromManifest(main, "widgets-3.2.1.jar"))
                .isEqualTo(FoundPackage.of(PackageType.MAVEN, "com.vendor:widgets", "3.2.1"));
    }

    @Test
    void zipBombFailsTheScanInsteadOfInflating() throws IOException {
        byte[] bomb = TestArchives.zipBomb(64);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> analyzer.analyze("/app/bomb.jar", new ByteArrayInputStream(bomb), new ScanLimits(1 << 20, 16 << 20, 4)))
                .isInstanceOf(ScanFailure.class).hasMessageContaining("/app/bomb.jar inflates past the 16 MiB");
    }

    @Test
    void corruptArchiveIsLeftOut() throws IOException {
        byte[] notAZip = "#!/bin/sh\nexec java -jar $0\n this is a launch script, then garbage".getBytes();
        assertThat(analyzer.analyze("/app/broken.jar", new ByteArrayInputStream(notAZip), ScanLimits.DEFAULTS).isEmpty()).isTrue();
    }
}
