package io.berth.core.scanner;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Core started with {@code scanner.builtin_url} registers the built-in scanner by itself, as the default; doing it
 * again, from several threads at once (two replicas starting together), keeps one registration; another URL re-points
 * it; an administrator's default is never taken over.
 */
@QuarkusTest
@QuarkusTestResource(value = BuiltinScannerRegistrationTest.WithBuiltinScanner.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuiltinScannerRegistrationTest {
    static final String URL = "http://127.0.0.1:18084";

    public static class WithBuiltinScanner extends CoreTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("berth.scanner.builtin_url", URL + "/");
            return config;
        }
    }

    @Inject
    BuiltinScannerRegistration builtin;

    @Inject
    AgroalDataSource db;

    @Test
    @Order(1)
    void coreRegistersTheBuiltinScannerAsTheDefaultWhenItStarts() throws Exception {
        assertThat(rows()).containsExactly(BuiltinScannerRegistration.NAME + " " + URL + " default internal");
        admin().get("/api/v2.0/scanners").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].name", equalTo(BuiltinScannerRegistration.NAME)).body("[0].is_default", equalTo(true))
                .body("[0].use_internal_addr", equalTo(true)).body("[0].url", equalTo(URL));
    }

    @Test
    @Order(2)
    void replicasRegisteringAtOnceMakeOneRegistration() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    builtin.ensure(URL);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(rows()).containsExactly(BuiltinScannerRegistration.NAME + " " + URL + " default internal");
    }

    @Test
    @Order(3)
    void anotherUrlRepointsItAndAnAdministratorsDefaultStays() throws Exception {
        builtin.ensure("http://127.0.0.1:18085");
        assertThat(rows()).containsExactly(BuiltinScannerRegistration.NAME + " http://127.0.0.1:18085 default internal");

        String other = unique("trivy");
        String location = admin().body(Map.of("name", other, "url", "http://127.0.0.1:18086")).post("/api/v2.0/scanners")
                .then().statusCode(201).extract().header("Location");
        admin().body(Map.of("is_default", true)).patch(location).then().statusCode(200);
        builtin.ensure(URL);
        assertThat(rows()).containsExactly(BuiltinScannerRegistration.NAME + " " + URL + " - internal",
                other + " http://127.0.0.1:18086 default -");
    }

    @Test
    @Order(4)
    void aUrlAnAdministratorRegisteredUnderAnotherNameIsLeftAlone() throws Exception {
        String mine = unique("mine");
        admin().body(Map.of("name", mine, "url", "http://127.0.0.1:18087")).post("/api/v2.0/scanners").then().statusCode(201);
        builtin.ensure("http://127.0.0.1:18087");
        assertThat(rows()).contains(mine + " http://127.0.0.1:18087 - -", BuiltinScannerRegistration.NAME + " " + URL + " - internal");
    }

    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT name, url, is_default, use_internal_addr FROM core.scanner_registration ORDER BY name = '"
                        + BuiltinScannerRegistration.NAME + "' DESC, name")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + (rs.getBoolean(3) ? "default" : "-") + " "
                        + (rs.getBoolean(4) ? "internal" : "-"));
            }
        }
        return rows;
    }
}
