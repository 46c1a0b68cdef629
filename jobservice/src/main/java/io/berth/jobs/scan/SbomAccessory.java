package io.berth.jobs.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.media.MediaTypes;
import io.berth.common.scan.ReportTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Harbor's SBOM accessory, made from an adapter's SBOM report and pushed next to the image it describes: an OCI image
 * manifest whose config has the media type (and whose {@code artifactType} is) {@value ReportTypes#SBOM_ACCESSORY}, one
 * layer of Harbor's media type {@value #LAYER} holding the SBOM document (the report's {@code sbom}), the image as its
 * {@code subject}, and Harbor's annotations. Core lists it among the image's accessories as {@code harbor.sbom}; a pull
 * of its layer downloads the SBOM.
 *
 * <p>The SBOM is copied out of the report with a streaming parser into a file (hashed on the way) and pushed from it:
 * never held whole as a second copy.
 */
final class SbomAccessory {
    /** The layer media type Harbor gives the SBOM document (go-containerregistry's static layer of {@code ocispec.MediaTypeImageLayer}). */
    static final String LAYER = "application/vnd.oci.image.layer.v1.tar";
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SbomAccessory() {}

    /** The SBOM document as a file, with its digest and size. */
    record Document(Path file, String digest, long size) {}

    /** The image the accessory describes: its digest, media type and manifest size. */
    record Subject(String digest, String mediaType, long size) {}

    /**
     * Copies the {@code sbom} member of a Harbor SBOM report into {@code file}, streaming.
     *
     * @throws IllegalArgumentException when the report is not a JSON object with an {@code sbom} object
     */
    static Document extract(String report, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (JsonParser parser = JSON_FACTORY.createParser(report)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the SBOM report is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!name.equals("sbom")) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("the SBOM report's sbom is not a JSON object");
                }
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256);
                        JsonGenerator generator = JSON_FACTORY.createGenerator(out)) {
                    generator.copyCurrentStructure(parser);
                }
                return new Document(file, "sha256:" + HexFormat.of().formatHex(sha256.digest()), Files.size(file));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the SBOM report is not JSON: " + e.getOriginalMessage());
        }
        throw new IllegalArgumentException("the SBOM report has no sbom");
    }

    /** Pushes the accessory of {@code sbom} into {@code repository} (by digest, untagged); its manifest digest. */
    static String push(OciClient client, String repository, Subject subject, Document sbom, Instant created) throws IOException {
        try (InputStream in = Files.newInputStream(sbom.file())) {
            client.pushBlob(repository, sbom.digest(), sbom.size(), in);
        }
        String time = created.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode config = JSON.createObjectNode();
        config.put("created", time);
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(sbom.digest());
        config.putArray("history").addObject().put("created", time).put("author", "berth").put("created_by", "berth");
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String configDigest = digest(configBytes);
        client.pushBlob(repository, configDigest, configBytes.length, new java.io.ByteArrayInputStream(configBytes));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", ReportTypes.SBOM_ACCESSORY);
        manifest.putObject("config").put("mediaType", ReportTypes.SBOM_ACCESSORY).put("size", configBytes.length).put("digest", configDigest);
        manifest.putArray("layers").addObject().put("mediaType", LAYER).put("size", sbom.size()).put("digest", sbom.digest());
        manifest.putObject("subject").put("mediaType", subject.mediaType()).put("size", subject.size()).put("digest", subject.digest());
        manifest.putObject("annotations").put("created", time).put("created-by", "Berth")
                .put("org.opencontainers.artifact.created", time).put("org.opencontainers.artifact.description", "SPDX JSON SBOM");
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestDigest = digest(manifestBytes);
        client.putManifest(repository, manifestDigest, new Manifest(manifestBytes, MediaTypes.OCI_MANIFEST, manifestDigest));
        return manifestDigest;
    }

    private static String digest(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
