package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ./berth up's own PostgreSQL, from the system's binaries and from the bundled ones. */
class EmbeddedPostgresTest {

    @ParameterizedTest(name = "system binaries: {0}")
    @ValueSource(booleans = {true, false})
    void startsAServerThatTakesConnectionsAndStopsIt(boolean systemBinaries) throws Exception {
        // Reachable by 'nobody', who runs the server when the tests run as root.
        Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "berth-launcher",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir, systemBinaries);
        try {
            int port = postgres.start("berth", "s3cret");
            assertThat(postgres.running()).isTrue();
            String url = "postgresql://127.0.0.1:" + port + "/berth";
            Database.ensure(url, "berth", "s3cret");
            try (Connection c = DriverManager.getConnection("jdbc:" + url, "berth", "s3cret");
                    ResultSet rs = c.createStatement().executeQuery("SELECT current_user, current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("berth");
                assertThat(rs.getString(2)).isEqualTo("berth");
            }
            assertThat(postgres.binaries().toString()).contains(systemBinaries ? "/usr/lib/postgresql" : "zonky");
        } finally {
            postgres.stop();
            new ProcessBuilder("rm", "-rf", dataDir.toString()).start().waitFor();
        }
        assertThat(postgres.running()).isFalse();
    }
}
