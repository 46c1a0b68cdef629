package io.berth.registry.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.digest.Digest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.media.MediaTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a pushed manifest's shape and extracts its references: well-formed JSON, schema version 2,
 * a media type that agrees with Content-Type, well-formed descriptors. Schema 1 is refused.
 */
public final class ManifestParser {
    // One JSON value and nothing after it: the bytes are stored and served as pushed, and clients' readers refuse trailing data.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestParser() {}

    public static ParsedManifest parse(byte[] content, String contentType) {
        if (!wellFormedUtf8(content)) {
            throw invalid("manifest is not well-formed UTF-8");
        }
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid("manifest is not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("manifest is not well-formed JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("manifest must be a JSON object");
        }
        String declared = text(root, "mediaType");
        String header = MediaTypes.essence(contentType);
        if (MediaTypes.isSchema1(header) || MediaTypes.isSchema1(declared) || root.path("schemaVersion").asInt() == 1) {
            throw new OciException(OciErrorCode.MANIFEST_INVALID,
                    "Docker schema 1 manifests are not supported; push with a client that writes schema 2 or OCI manifests");
        }
        JsonNode version = root.path("schemaVersion");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 2) { // asInt() also read "2", 2.5, 2^32+2 as 2
            throw invalid("schemaVersion must be 2");
        }
        String mediaType = mediaType(declared, header, root);
        if (!MediaTypes.isManifest(mediaType)) {
            throw new OciException(OciErrorCode.MANIFEST_INVALID, "unsupported manifest media type " + mediaType,
                    Map.of("mediaType", mediaType));
        }
        String artifactType = text(root, "artifactType");
        Descriptor subject = root.has("subject") ? descriptor(root.get("subject"), "subject") : null;
        String annotations = root.has("annotations") && root.get("annotations").isObject() ? root.get("annotations").toString() : null;
        if (MediaTypes.isIndex(mediaType)) {
            if (!root.path("manifests").isArray()) {
                throw invalid("an index needs a manifests array");
            }
            return new ParsedManifest(mediaType, artifactType, null, List.of(), descriptors(root.get("manifests"), "manifests"),
                    subject, annotations);
        }
        if (!root.path("config").isObject()) {
            throw invalid("an image manifest needs a config descriptor");
        }
        if (root.has("layers") && !root.get("layers").isArray()) {
            throw invalid("layers must be an array");
        }
        Descriptor config = descriptor(root.get("config"), "config");
        if (artifactType == null && MediaTypes.OCI_EMPTY.equals(config.mediaType()) && MediaTypes.OCI_MANIFEST.equals(mediaType)) {
            throw invalid("an artifact with an empty config must declare artifactType");
        }
        return new ParsedManifest(mediaType, artifactType, config,
                root.has("layers") ? descriptors(root.get("layers"), "layers") : List.of(), List.of(), subject, annotations);
    }

    /** Content-Type and the mediaType field must agree when both are given; one of them is needed. */
    private static String mediaType(String declared, String header, JsonNode root) {
        boolean headerUseful = header != null && !header.isEmpty() && !"application/json".equals(header)
                && !"application/octet-stream".equals(header);
        if (declared != null && headerUseful && !declared.equals(header)) {
            throw invalid("Content-Type " + header + " does not match the manifest's mediaType " + declared);
        }
        if (declared != null) {
            return declared;
        }
        if (headerUseful) {
            return header;
        }
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw invalid("the manifest has no mediaType and the request no Content-Type");
    }

    private static List<Descriptor> descriptors(JsonNode array, String field) {
        List<Descriptor> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            list.add(descriptor(array.get(i), field + "[" + i + "]"));
        }
        return list;
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw invalid(where + " must be a descriptor object");
        }
        String mediaType = text(node, "mediaType");
        if (mediaType == null) {
            throw invalid(where + ".mediaType is required");
        }
        JsonNode size = node.path("size");
        // an integer within int64, as written: canConvertToLong() alone also takes 1.5, which asLong() made 1
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw invalid(where + ".size must be a non-negative integer");
        }
        Digest digest;
        try {
            digest = Digest.parse(text(node, "digest"));
        } catch (OciException e) {
            throw invalid(where + ".digest: " + e.getMessage());
        }
        List<String> urls = new ArrayList<>();
        node.path("urls").forEach(u -> urls.add(u.asText()));
        return new Descriptor(mediaType, digest, size.asLong(), text(node, "artifactType"), urls);
    }

    /**
     * Whether the bytes are well-formed UTF-8, as JSON must be (RFC 8259 §8.1). Jackson does not check: it
     * decodes overlong forms ({@code C0 BA} as {@code :}), and in a field name matches bytes that are never
     * UTF-8 ({@code FF}) against names it has seen, so {@code "dige\xFF\xFFst"} was read as {@code "digest"}
     * while clients read another name and another digest.
     */
    private static boolean wellFormedUtf8(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(4096);
        CoderResult result;
        while ((result = decoder.decode(in, out, true)).isOverflow()) {
            out.clear();
        }
        return !result.isError();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static OciException invalid(String message) {
        return new OciException(OciErrorCode.MANIFEST_INVALID, message);
    }
}
