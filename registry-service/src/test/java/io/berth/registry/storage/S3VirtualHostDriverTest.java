package io.berth.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.registry.storage.s3.S3Driver;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 driver with virtual-host addressing ({@code path_style: false}): every request goes to
 * {@code vhost.s3.berth.test}, which only this test JVM resolves (to 127.0.0.1, through the hosts
 * file its surefire execution names), and s3proxy takes the bucket from that host name.
 */
class S3VirtualHostDriverTest extends StorageDriverContract {
    static final String DOMAIN = "s3.berth.test";
    private static S3ProxyServer server;
    private static S3Driver driver;

    @BeforeAll
    static void startServer() throws Exception {
        assertThat(InetAddress.getByName("vhost." + DOMAIN).isLoopbackAddress())
                .as("run through the s3-virtual-host surefire execution, which sets jdk.net.hosts.file").isTrue();
        server = S3ProxyServer.start(DOMAIN);
        server.createBucket("vhost");
        driver = new S3Driver(new S3Driver.Settings("vhost", "us-east-1", server.endpoint(DOMAIN), S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, "berth", false, 5 << 20, false));
    }

    @Test
    void theBucketIsAddressedByHostName() {
        server.createBucket("unlisted"); // a bucket whose host name this JVM cannot resolve
        S3Driver byHost = new S3Driver(new S3Driver.Settings("unlisted", "us-east-1", server.endpoint(DOMAIN), S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, "", false, 5 << 20, false));
        assertThatThrownBy(() -> byHost.putContent("probe", new byte[] {1})).hasStackTraceContaining("unlisted." + DOMAIN);
        S3Driver byPath = new S3Driver(new S3Driver.Settings("unlisted", "us-east-1", server.endpoint(DOMAIN), S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, "", true, 5 << 20, false));
        byPath.putContent("probe", new byte[] {1});
        assertThat(byPath.getContent("probe")).containsExactly(1);
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
        return server.contents("vhost");
    }
}
