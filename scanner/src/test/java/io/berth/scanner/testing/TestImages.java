package io.berth.scanner.testing;

import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Command;
import io.berth.common.testing.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test images, made offline with real tools: {@code umoci} builds OCI layouts from directories (a layer per
 * {@code repack}, whiteouts for what a repack removed), {@code skopeo} pushes them; hand-made layers (hostile tars,
 * corrupt gzip, zstd from the {@code zstd} program) are pushed with the OCI client.
 */
public final class TestImages {
    public static final String TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

    private TestImages() {}

    /** umoci: a new image in {@code layout} tagged {@code tag}, unpacked into {@code bundle} for the test to fill. */
    public static Path unpackNew(Path layout, String tag, Path bundle) throws Exception {
        run("umoci", "init", "--layout", layout.toString());
        run("umoci", "new", "--image", layout + ":" + tag);
        run("umoci", "unpack", "--image", layout + ":" + tag, bundle.toString());
        return bundle.resolve("rootfs");
    }

    /** umoci: one more layer with what changed in the bundle's rootfs since the last unpack or repack. */
    public static void repack(Path layout, String tag, Path bundle) throws Exception {
        run("umoci", "repack", "--refresh-bundle", "--image", layout + ":" + tag, bundle.toString());
    }

    /** skopeo: pushes the layout's {@code tag} to {@code registry/repository:tag} over plain HTTP. */
    public static void push(Path layout, String tag, String registryHost, String repository, String... creds) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false"));
        if (creds.length == 2) {
            command.add("--dest-creds=" + creds[0] + ":" + creds[1]);
        }
        command.add("oci:" + layout + ":" + tag);
        command.add("docker://" + registryHost + "/" + repository + ":" + tag);
        run(command.toArray(String[]::new));
    }

    /** Pushes an image of the given layer blobs (with their media types) and returns its manifest's digest. */
    public static String pushLayers(OciClient client, String repository, String tag, List<byte[]> layers, List<String> mediaTypes) {
        List<String> descriptors = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            byte[] layer = layers.get(i);
            String digest = OciLayout.sha256(layer);
            client.pushBlob(repository, digest, layer.length, new ByteArrayInputStream(layer));
            descriptors.add("{\"mediaType\":\"" + mediaTypes.get(i) + "\",\"digest\":\"" + digest + "\",\"size\":" + layer.length + "}");
        }
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
        String configDigest = OciLayout.sha256(config);
        client.pushBlob(repository, configDigest, config.length, new ByteArrayInputStream(config));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":["
                + String.join(",", descriptors) + "]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        client.putManifest(repository, tag, new Manifest(bytes, MediaTypes.OCI_MANIFEST, OciLayout.sha256(bytes)));
        return OciLayout.sha256(bytes);
    }

    /** The {@code zstd} program's compression of {@code data}. */
    public static byte[] zstd(byte[] data, Path dir) throws Exception {
        Path in = Files.createTempFile(dir, "layer", ".tar");
        Files.write(in, data);
        run("zstd", "-q", "-f", in.toString(), "-o", in + ".zst");
        return Files.readAllBytes(Path.of(in + ".zst"));
    }

    private static void run(String... command) throws Exception {
        Command.Result result = Command.run(Map.of(), List.of(command), Duration.ofMinutes(3));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output());
        }
    }
}
