package io.berth.registry.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: gaul/s3proxy (from Maven Central, copied to
 * target/s3proxy by the build) over a local directory, in its own process on a free port.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "local-identity";
    public static final String SECRET_KEY = "local-credential";
    private final Process process;
    private final Path dir;
    private final int port;
    private final String virtualHost;

    private S3ProxyServer(Process process, Path dir, int port, String virtualHost) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.virtualHost = virtualHost;
    }

    public static S3ProxyServer start() throws Exception {
        return start(null);
    }

    /**
     * @param virtualHost when set, s3proxy also takes {@code <bucket>.<virtualHost>} as the bucket
     *     (virtual-host addressing); the test JVM must resolve those names (jdk.net.hosts.file)
     */
    public static S3ProxyServer start(String virtualHost) throws Exception {
        Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
        if (!Files.exists(jar)) { // a run from another working directory (the fuzz execution's target/fuzz): next to the test classes
            jar = Path.of(S3ProxyServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent()
                    .resolve("s3proxy/s3proxy.jar");
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build (mvn test) to copy s3proxy there");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("s3proxy");
        Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"),
                virtualHost == null ? "" : "s3proxy.virtual-host=" + virtualHost, ""));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new S3ProxyServer(process, dir, port, virtualHost);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
                }
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("s3proxy did not start on port " + port);
    }

    public String endpoint() {
        return endpoint("127.0.0.1");
    }

    public String endpoint(String host) {
        return "http://" + host + ":" + port;
    }

    /** A path-style client; with a virtual host, s3proxy takes any other host name for a bucket's, so it uses that one. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(virtualHost == null ? endpoint() : endpoint(virtualHost))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true).build();
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** The keys in a bucket, and its unfinished multipart uploads as {@code multipart:<key>}. */
    public java.util.List<String> contents(String bucket) {
        try (S3Client s3 = client()) {
            java.util.List<String> keys = new java.util.ArrayList<>(s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                    .map(o -> o.key()).toList());
            s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().forEach(u -> keys.add("multipart:" + u.key()));
            return keys;
        }
    }

    /** Sets an object's last modification time as S3 lists it (s3proxy's filesystem backend reports the file's). */
    public void backdate(String bucket, String key, java.time.Instant when) throws IOException {
        Files.setLastModifiedTime(dir.resolve("data").resolve(bucket).resolve(key), java.nio.file.attribute.FileTime.from(when));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }
}
