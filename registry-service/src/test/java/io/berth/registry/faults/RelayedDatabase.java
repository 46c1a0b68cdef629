package io.berth.registry.faults;

import io.berth.registry.testing.RegistryTestResource;
import io.berth.service.testing.PostgresTestDatabase;
import io.berth.service.testing.TcpRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The registry's test resources, with PostgreSQL reached through a {@link TcpRelay} the test can cut. */
public class RelayedDatabase extends RegistryTestResource {
    static TcpRelay relay;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            relay = new TcpRelay(PostgresTestDatabase.HOST, Integer.parseInt(PostgresTestDatabase.PORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String direct = PostgresTestDatabase.HOST + ":" + PostgresTestDatabase.PORT;
        config.put("berth.database.url", config.get("berth.database.url").replace(direct, "127.0.0.1:" + relay.port()));
        return config;
    }

    @Override
    public void stop() {
        try {
            relay.close();
        } catch (IOException e) {
            // the test is over
        }
        super.stop();
    }
}
