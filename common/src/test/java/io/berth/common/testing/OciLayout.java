package io.berth.common.testing;

import io.berth.common.media.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes OCI image layouts on disk (what skopeo and podman read with {@code oci:<dir>:<tag>}):
 * real gzipped tar layers, configs, manifests, indexes and artifacts, generated offline.
 */
public final class OciLayout {
    private final Path dir;
    private final List<String> refs = new ArrayList<>();

    public OciLayout(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    /** Stores a blob and returns its descriptor JSON. */
    public String blob(String mediaType, byte[] content, String extra) throws IOException {
        String digest = sha256(content);
        Files.write(dir.resolve("blobs/sha256/" + digest.substring(7)), content);
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + content.length
                + (extra == null ? "" : "," + extra) + "}";
    }

    /** An image for one platform, with {@code layers} layers of about {@code layerSize} bytes; returns the manifest JSON. */
    public String image(String arch, int layers, int layerSize, long seed) throws IOException {
        List<String> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        List<String> history = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            history.add("{\"created\":\"2026-01-01T00:00:0" + (i % 10) + "Z\",\"created_by\":\"COPY file-" + arch + "-" + i + " /\"}");
            byte[] tar = tar("file-" + arch + "-" + i, random(layerSize, seed * 31 + i));
            diffIds.add("\"" + sha256(tar) + "\"");
            layerDescriptors.add(blob(MediaTypes.OCI_LAYER, gzip(tar), null));
        }
        String config = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]},\"history\":[" + String.join(",", history) + "]}";
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + blob(MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8), null)
                + ",\"layers\":[" + String.join(",", layerDescriptors) + "]}";
        blob(MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8), null);
        return manifest;
    }

    /** An index of one image per architecture; returns the index JSON. */
    public String index(List<String> archs, long seed) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String arch : archs) {
            String manifest = image(arch, 2, 20_000, seed + arch.hashCode());
            entries.add(descriptor(MediaTypes.OCI_MANIFEST, manifest, "\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}"));
        }
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + String.join(",", entries) + "]}";
        blob(MediaTypes.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8), null);
        return index;
    }

    /** An artifact (empty config, artifactType) whose subject is {@code subjectManifest}. */
    public String artifact(String artifactType, String subjectManifest, String content) throws IOException {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType
                + "\",\"config\":" + blob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8), null)
                + ",\"layers\":[" + blob("application/vnd.example.sbom+json", content.getBytes(StandardCharsets.UTF_8), null)
                + "],\"subject\":" + descriptor(MediaTypes.OCI_MANIFEST, subjectManifest, null) + "}";
        blob(MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8), null);
        return manifest;
    }

    /** Names {@code json} (a manifest or index already stored) as {@code tag} in index.json. */
    public void tag(String tag, String mediaType, String json) throws IOException {
        refs.add(descriptor(mediaType, json, "\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}"));
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", refs) + "]}");
    }

    public static String descriptor(String mediaType, String json, String extra) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + sha256(bytes) + "\",\"size\":" + bytes.length
                + (extra == null ? "" : "," + extra) + "}";
    }

    /** A POSIX tar with one regular file. */
    public static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 1_700_000_000L));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        int padded = (content.length + 511) / 512 * 512;
        byte[] out = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, out, 0, 512);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    /** {@code sha256:<hex>} of some bytes. */
    public static String sha256(byte[] content) {
        return io.berth.common.digest.DigestAlgorithm.SHA256.digest(content).toString();
    }

    public static String sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
