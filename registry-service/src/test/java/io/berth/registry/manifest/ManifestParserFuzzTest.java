package io.berth.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.digest.Digest;
import io.berth.common.error.ErrorBodies;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.media.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ManifestParser#parse} on any bytes: a parsed manifest or MANIFEST_INVALID, never another exception,
 * nor a hang or a heap blown up. What it accepts is one JSON object a strict reader takes too, schemaVersion
 * the integer 2, of a manifest media type that agrees with Content-Type, whose descriptors have a media
 * type, a valid digest and the non-negative integer size written in the document.
 *
 * <p>An input is the Content-Type header on the first line (empty: none), then the manifest. Seeds:
 * {@code src/test/resources/io/berth/registry/manifest/ManifestParserFuzzTestInputs/parse/}.
 */
class ManifestParserFuzzTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @FuzzTest(maxDuration = "15s")
    @Timeout(10)
    @DictionaryEntries({"\"schemaVersion\":2", "\"mediaType\":", "\"config\":", "\"layers\":", "\"manifests\":",
            "\"subject\":", "\"annotations\":", "\"artifactType\":", "\"urls\":", "\"digest\":", "\"size\":",
            "\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"",
            "\"" + MediaTypes.OCI_MANIFEST + "\"", "\"" + MediaTypes.OCI_INDEX + "\"", "\"" + MediaTypes.OCI_EMPTY + "\"",
            "\"" + MediaTypes.DOCKER_MANIFEST + "\"", "\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\"", "\"" + MediaTypes.DOCKER_SCHEMA1 + "\"",
            "9223372036854775807", "9223372036854775808", "-1", "1e3", "1.5", "true", "null", "[{", "}]", "\\u0000"})
    void parse(byte[] input) throws IOException {
        int newline = indexOf(input, (byte) '\n');
        String contentType = newline <= 0 ? null : new String(input, 0, newline, StandardCharsets.ISO_8859_1);
        byte[] content = newline < 0 ? input : Arrays.copyOfRange(input, newline + 1, input.length);
        ParsedManifest parsed;
        try {
            parsed = ManifestParser.parse(content, contentType);
        } catch (OciException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(OciErrorCode.MANIFEST_INVALID);
            assertThat(ErrorBodies.oci(e)).contains("MANIFEST_INVALID");
            return;
        }
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)); // CharacterCodingException unless well-formed UTF-8
        JsonNode document = STRICT.readTree(content); // an accepted manifest is one JSON document, nothing after it
        assertThat(document.isObject()).isTrue();
        assertThat(document.get("schemaVersion").isIntegralNumber()).as("schemaVersion %s", document.get("schemaVersion")).isTrue();
        assertThat(document.get("schemaVersion").asLong()).isEqualTo(2);
        assertThat(MediaTypes.isManifest(parsed.mediaType())).isTrue();
        if (document.path("mediaType").isTextual()) {
            assertThat(parsed.mediaType()).isEqualTo(document.get("mediaType").asText());
        }
        String essence = MediaTypes.essence(contentType);
        if (MediaTypes.isManifest(essence)) {
            assertThat(parsed.mediaType()).as("Content-Type %s", contentType).isEqualTo(essence);
        }
        if (parsed.isIndex()) {
            assertThat(parsed.config()).isNull();
            assertThat(parsed.layers()).isEmpty();
            assertDescriptors(parsed.manifests(), document.get("manifests"));
        } else {
            assertThat(parsed.manifests()).isEmpty();
            assertDescriptor(parsed.config(), document.get("config"));
            assertDescriptors(parsed.layers(), document.path("layers"));
            assertThat(parsed.blobs()).contains(parsed.config());
        }
        if (parsed.subject() != null) {
            assertDescriptor(parsed.subject(), document.get("subject"));
        }
    }

    private static void assertDescriptors(List<Descriptor> descriptors, JsonNode array) {
        assertThat(descriptors).hasSize(array.size());
        for (int i = 0; i < descriptors.size(); i++) {
            assertDescriptor(descriptors.get(i), array.get(i));
        }
    }

    private static void assertDescriptor(Descriptor descriptor, JsonNode node) {
        assertThat(descriptor).isNotNull();
        assertThat(descriptor.mediaType()).isNotNull().isEqualTo(node.get("mediaType").asText());
        assertThat(Digest.parse(descriptor.digest().toString())).isEqualTo(descriptor.digest());
        assertThat(descriptor.digest().toString()).isEqualTo(node.get("digest").asText());
        JsonNode size = node.get("size");
        assertThat(size.isIntegralNumber()).as("size %s", size).isTrue();
        assertThat(descriptor.size()).isNotNegative().isEqualTo(size.longValue());
        assertThat(size.bigIntegerValue()).isEqualTo(java.math.BigInteger.valueOf(descriptor.size()));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String manifest(String schemaVersion, String size) {
        return """
                {"schemaVersion": %s, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": %s,
                  "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
                 "layers": []}""".formatted(schemaVersion, size);
    }

    private static OciErrorCode refusal(String manifest) {
        try {
            ManifestParser.parse(manifest.getBytes(StandardCharsets.UTF_8), null);
            return null;
        } catch (OciException e) {
            return e.code();
        }
    }

    @Test
    void theManifestTheseTestsVaryIsAccepted() {
        assertThat(refusal(manifest("2", "2"))).isNull();
        assertThat(ManifestParser.parse(manifest("2", "2").getBytes(StandardCharsets.UTF_8), null).config().size()).isEqualTo(2);
    }

    @Test
    void deeplyNestedJsonIsManifestInvalid() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(refusal(deep)).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        assertThat(refusal(manifest("2", "2").replace("\"layers\": []", "\"annotations\": {\"a\": " + deep + "}")))
                .isEqualTo(OciErrorCode.MANIFEST_INVALID);
    }

    @Test
    void aDescriptorDigestWithAVeryLongAlgorithmIsManifestInvalid() {
        // Digest.parse overflowed the stack on it (~1,800 algorithm components): a 500, from a 10 KB push
        String manifest = manifest("2", "2").replace("sha256:", "a.".repeat(5_000) + "a:");
        assertThat(refusal(manifest)).isEqualTo(OciErrorCode.MANIFEST_INVALID);
    }

    @Test
    void aSizeBeyondLongOrNotAnIntegerIsManifestInvalid() {
        List<String> sizes = new ArrayList<>(List.of("9223372036854775808", "-1", "1e400", "\"2\"", "null", "true"));
        sizes.add("9".repeat(5_000));
        for (String size : sizes) {
            assertThat(refusal(manifest("2", size))).as("size %s", size).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        }
    }

    @Test
    void aFractionalSizeIsManifestInvalidNotTruncated() {
        // 1.5 was taken as 1: a size the manifest does not say; Go clients cannot read it into an int64 either
        for (String size : List.of("1.5", "2.0", "2e0", "1e3")) {
            assertThat(refusal(manifest("2", size))).as("size %s", size).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        }
    }

    @Test
    void aSchemaVersionOtherThanTheInteger2IsManifestInvalid() {
        // "2", 2.5 and 2^32+2 were read as 2 (asInt converts text and truncates)
        for (String version : List.of("\"2\"", "2.5", "4294967298", "2.0", "null", "3")) {
            assertThat(refusal(manifest(version, "2"))).as("schemaVersion %s", version).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        }
    }

    @Test
    void contentAfterTheJsonObjectIsManifestInvalid() {
        // the trailing bytes were stored and served: the digest covers them, and clients' JSON readers refuse them
        assertThat(refusal(manifest("2", "2") + " {}")).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        assertThat(refusal(manifest("2", "2") + "x")).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        assertThat(refusal(manifest("2", "2") + " \n\t")).isNull();
    }

    @Test
    void bytesThatAreNotUtf8AreManifestInvalid() throws IOException {
        // Jackson matched the field name dige FF FF st against "digest", seen before it: Berth checked the second
        // digest while clients, which read another name there, pulled the first
        String[] around = manifest("2", "2").split("caaff8a\"", 2);
        ByteArrayOutputStream twoDigests = new ByteArrayOutputStream();
        twoDigests.write((around[0] + "caaff8a\", \"dige").getBytes(StandardCharsets.UTF_8));
        twoDigests.write(new byte[] {(byte) 0xff, (byte) 0xff});
        twoDigests.write(("st\": \"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7\"" + around[1])
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ManifestParser.parse(twoDigests.toByteArray(), null)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.getMessage()).isEqualTo("manifest is not well-formed UTF-8"));
        // an overlong ':' (C0 BA) made a valid digest out of one no client reads as such
        byte[] overlong = manifest("2", "2").replace("sha256:", "sha256##").getBytes(StandardCharsets.UTF_8);
        int at = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("##");
        overlong[at] = (byte) 0xc0;
        overlong[at + 1] = (byte) 0xba;
        assertThatThrownBy(() -> ManifestParser.parse(overlong, null)).isInstanceOf(OciException.class);
        assertThat(refusal(manifest("2", "2").replace("\"layers\": []", "\"annotations\": {\"é\": \"✓ 😀\"}"))).isNull();
    }

    @Test
    void anEmptyOrNonObjectBodyIsManifestInvalid() {
        for (String body : List.of("", " ", "null", "[]", "2", "\"x\"")) {
            assertThat(refusal(body)).as("body %s", body).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        }
        assertThatThrownBy(() -> ManifestParser.parse(new byte[] {(byte) 0xff, '{'}, null)).isInstanceOf(OciException.class);
    }
}
