package io.berth.registry.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.media.MediaTypes;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Distribution API driven with REST Assured, as a client would, for the tests' set-up steps. */
public final class RegistryClient {
    private final String repository;
    private final String authorization;

    public RegistryClient(String repository) {
        this(repository, Tokens.pushPull(repository));
    }

    public RegistryClient(String repository, String authorization) {
        this.repository = repository;
        this.authorization = authorization;
    }

    public static RequestSpecification request(String authorization) {
        RequestSpecification spec = given().config(RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 60_000).setParam("http.connection.timeout", 10_000)))
                .urlEncodingEnabled(true);
        return authorization == null ? spec : spec.header("Authorization", authorization);
    }

    public RequestSpecification request() {
        return request(authorization);
    }

    public String repository() {
        return repository;
    }

    /** Uploads a blob in one POST and returns its digest. */
    public String pushBlob(byte[] content) {
        String digest = Blobs.sha256(content);
        request().queryParam("digest", digest).contentType("application/octet-stream").body(content)
                .post("/v2/" + repository + "/blobs/uploads/").then().statusCode(201);
        return digest;
    }

    public String pushBlob(String content) {
        return pushBlob(content.getBytes(StandardCharsets.UTF_8));
    }

    public Response putManifest(String reference, String mediaType, String json) {
        return request().contentType(mediaType).body(json.getBytes(StandardCharsets.UTF_8))
                .put("/v2/" + repository + "/manifests/" + reference);
    }

    /** Pushes config and layers, then an OCI image manifest tagged {@code tag}; returns the manifest JSON. */
    public String pushImage(String tag, String... layers) {
        String json = imageManifest(MediaTypes.OCI_MANIFEST, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"tag\":\"" + tag + "\"}",
                List.of(layers), null, null);
        putManifest(tag, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        return json;
    }

    /** An image manifest JSON whose config and layers are pushed first. */
    public String imageManifest(String mediaType, String config, List<String> layers, String artifactType, String subjectJson) {
        String configMediaType = artifactType != null && config.equals("{}") ? MediaTypes.OCI_EMPTY
                : mediaType.equals(MediaTypes.DOCKER_MANIFEST) ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG;
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(mediaType).append('"');
        if (artifactType != null) {
            json.append(",\"artifactType\":\"").append(artifactType).append('"');
        }
        json.append(",\"config\":").append(descriptor(configMediaType, config));
        json.append(",\"layers\":[");
        String layerType = mediaType.equals(MediaTypes.DOCKER_MANIFEST) ? MediaTypes.DOCKER_LAYER : MediaTypes.OCI_LAYER;
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "" : ",").append(descriptor(layerType, layers.get(i)));
        }
        json.append(']');
        if (subjectJson != null) {
            json.append(",\"subject\":").append(subjectJson);
        }
        return json.append('}').toString();
    }

    private String descriptor(String mediaType, String content) {
        String digest = pushBlob(content);
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":"
                + content.getBytes(StandardCharsets.UTF_8).length + "}";
    }

    /**
     * Starts a manifest push on a socket of its own: the head, declaring {@code declaredLength} bytes,
     * and the first bytes of the body, then nothing more until the caller writes or closes.
     */
    public Socket startManifestPush(URI registry, String reference, int declaredLength) throws IOException {
        Socket socket = new Socket(registry.getHost(), registry.getPort());
        socket.getOutputStream().write(("PUT /v2/" + repository + "/manifests/" + reference + " HTTP/1.1\r\nHost: registry\r\n"
                + "Authorization: " + authorization + "\r\nContent-Type: " + MediaTypes.OCI_MANIFEST + "\r\n"
                + "Content-Length: " + declaredLength + "\r\n\r\n{\"schemaVersion\":2,").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * Pushes a manifest above 256 KiB (one that reserves heap before it is read) whose 2,000 layers are in
     * no repository: it must be read, parsed, and refused {@code MANIFEST_BLOB_UNKNOWN}.
     */
    public void pushLargeManifestOfAbsentLayers(String reference) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST)
                .append("\",\"config\":").append(descriptorOf(MediaTypes.OCI_CONFIG, "{}")).append(",\"layers\":[");
        for (int i = 0; i < 2000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_LAYER).append("\",\"digest\":\"")
                    .append(Blobs.sha256("absent " + i)).append("\",\"size\":1}");
        }
        json.append("]}");
        if (json.length() <= 256 << 10) {
            throw new IllegalStateException("not a large manifest: " + json.length() + " bytes");
        }
        putManifest(reference, MediaTypes.OCI_MANIFEST, json.toString()).then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
    }

    public static String descriptorOf(String mediaType, String json) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Blobs.sha256(json) + "\",\"size\":"
                + json.getBytes(StandardCharsets.UTF_8).length + "}";
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
