package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data sharing archive a service starts with: written at exit when missing or older than the jar, used after. */
class ClassArchiveTest {
    static final Runtime.Version JDK17 = Runtime.Version.parse("17.0.15");

    @TempDir
    Path dir;

    @Test
    void withoutAnArchiveTheJvmWritesOneAtExit() throws IOException {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "jar");
        assertThat(ClassArchive.options(dir.resolve("core.jsa"), jar, JDK17))
                .containsExactly("-XX:ArchiveClassesAtExit=" + dir.resolve("core.jsa"));
    }

    @Test
    void anArchiveNewerThanTheJarIsUsed() throws IOException {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "jar");
        Path archive = Files.writeString(dir.resolve("core.jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(ClassArchive.options(archive, jar, JDK17)).containsExactly("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void anArchiveOlderThanTheJarOrEmptyIsWrittenAgain() throws IOException {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "jar");
        Path archive = Files.writeString(dir.resolve("core.jsa"), "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(ClassArchive.options(archive, jar, JDK17)).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
        Files.writeString(archive, ""); // a JVM killed while writing it
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(120)));
        assertThat(ClassArchive.options(archive, jar, JDK17)).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
    }

    @Test
    void newerJvmsCheckAndRewriteTheArchiveThemselves() {
        Path archive = dir.resolve("core.jsa");
        assertThat(ClassArchive.options(archive, dir.resolve("quarkus-run.jar"), Runtime.Version.parse("21.0.2")))
                .containsExactly("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void thisJvmStartsWithTheOptionsBothTimes() throws IOException, InterruptedException {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "jar");
        Path archive = dir.resolve("hello.jsa");
        for (int run = 0; run < 2; run++) { // the first writes the archive at exit, the second maps it
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(ClassArchive.options(archive, jar, Runtime.version()));
            command.addAll(List.of("-Xshare:auto", "-version"));
            Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(java.getInputStream().readAllBytes());
            assertThat(java.waitFor()).as(output).isZero();
            assertThat(output).as("run %d", run).doesNotContainIgnoringCase("error");
        }
        assertThat(Files.size(archive)).isPositive();
    }
}
