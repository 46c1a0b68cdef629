// Benchmark helper: writes an OCI image layout with <layers> layers of <mib> MiB of random bytes each.
//   java bench/MakeImage.java <dir> <tag> <layers> <mib>
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

public class MakeImage {
    static Path blobs;

    static String store(byte[] content) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Files.write(blobs.resolve(hex), content);
        return "sha256:" + hex;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        blobs = dir.resolve("blobs/sha256");
        Files.createDirectories(blobs);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        int layers = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]) << 20;
        Random random = new Random(42);
        List<String> layerJson = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            byte[] layer = new byte[size];
            random.nextBytes(layer);
            String digest = store(layer);
            diffIds.add("\"" + digest + "\"");
            layerJson.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest + "\",\"size\":" + size + "}");
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}").getBytes();
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + store(config) + "\",\"size\":"
                + config.length + "},\"layers\":[" + String.join(",", layerJson) + "]}").getBytes();
        String m = store(manifest);
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + m + "\",\"size\":" + manifest.length
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + args[1] + "\"}}]}");
    }
}
