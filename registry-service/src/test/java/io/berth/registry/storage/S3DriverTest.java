package io.berth.registry.storage;

import io.berth.registry.storage.s3.S3Driver;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The S3 driver against a real S3-compatible server (s3proxy), with 5 MiB parts to exercise multipart uploads. */
class S3DriverTest extends StorageDriverContract {
    private static S3ProxyServer server;
    private static S3Driver driver;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("contract");
        driver = new S3Driver(new S3Driver.Settings("contract", "us-east-1", server.endpoint(), S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, "berth", true, 5 << 20, false));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected StorageDriver driver() {
        return driver;
    }

    @Override
    protected List<String> leftovers() {
        return server.contents("contract");
    }
}
