package io.berth.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's class-data sharing archive (AppCDS, dynamic): the JDK and library classes its last run loaded, parsed
 * and verified once, mapped at the next start instead of loaded again. Written at the JVM's exit ({@code ./berth down})
 * into {@code run/<service>.jsa}, used from the next start on, and written again once the service's jar is newer
 * than it (a JVM also ignores an archive that does not match its class path). No build step, nothing in the images.
 */
final class ClassArchive {
    private ClassArchive() {}

    /** The JVM options that use the archive of {@code service}, or write it at exit when there is none for this jar. */
    static List<String> options(Path archive, Path jar, Runtime.Version version) {
        if (version.feature() >= 19) {
            // the JVM checks the archive against its class path and writes a new one at exit when it does not match
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
        }
        return current(archive, jar) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    private static boolean current(Path archive, Path jar) {
        try {
            return Files.size(archive) > 0 && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
