package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.berth.common.digest.DigestAlgorithm;
import io.berth.common.download.BlobFileHandoff;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class BlobUploadTest {
    @TestHTTPResource("/")
    URI registry;

    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));
    private final String repo = client.repository();

    private Response startUpload() {
        Response r = client.request().post("/v2/" + repo + "/blobs/uploads/");
        r.then().statusCode(202)
                .header("Location", matchesPattern("/v2/" + repo + "/blobs/uploads/[0-9a-f-]{36}"))
                .header("Range", "0-0")
                .header("Docker-Upload-UUID", matchesPattern("[0-9a-f-]{36}"));
        return r;
    }

    @Test
    void monolithicUploadWithDigestIsStoredAndReadable() {
        byte[] content = Blobs.random(300_000, 1);
        String digest = client.pushBlob(content);
        client.request().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(200)
                .header("Content-Length", "300000").header("Docker-Content-Digest", digest);
        byte[] read = client.request().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(200)
                .header("Docker-Content-Digest", digest).extract().asByteArray();
        assertThat(read).isEqualTo(content);
    }

    @Test
    void postThenPutUploadsInTwoSteps() {
        String location = startUpload().header("Location");
        byte[] content = "two steps".getBytes(StandardCharsets.UTF_8);
        String digest = Blobs.sha256(content);
        client.request().queryParam("digest", digest).contentType("application/octet-stream").body(content)
                .put(location).then().statusCode(201)
                .header("Location", "/v2/" + repo + "/blobs/" + digest).header("Docker-Content-Digest", digest);
        assertThat(client.request().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
    }

    @Test
    void chunkedUploadAppendsChunksInOrderAndReportsProgress() {
        String location = startUpload().header("Location");
        byte[] content = Blobs.random(3_500_000, 2);
        int[] cuts = {0, 1_000_000, 1_000_001, 2_600_000, content.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            byte[] chunk = Arrays.copyOfRange(content, cuts[i], cuts[i + 1]);
            Response r = client.request().header("Content-Range", cuts[i] + "-" + (cuts[i + 1] - 1))
                    .contentType("application/octet-stream").body(chunk).patch(location);
            r.then().statusCode(202).header("Range", "0-" + (cuts[i + 1] - 1)).header("Location", location);
            client.request().get(location).then().statusCode(204).header("Range", "0-" + (cuts[i + 1] - 1));
        }
        String digest = Blobs.sha256(content);
        client.request().queryParam("digest", digest).put(location).then().statusCode(201);
        assertThat(client.request().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
        client.request().get(location).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
    }

    @Test
    void streamedPatchWithoutContentRangeAppends() {
        String location = startUpload().header("Location");
        client.request().body("hello ".getBytes()).patch(location).then().statusCode(202).header("Range", "0-5");
        client.request().body("world".getBytes()).patch(location).then().statusCode(202).header("Range", "0-10");
        client.request().queryParam("digest", Blobs.sha256("hello world")).put(location).then().statusCode(201);
    }

    @Test
    void outOfOrderChunkIs416WithTheRangeReceived() {
        String location = startUpload().header("Location");
        client.request().header("Content-Range", "0-4").body("12345".getBytes()).patch(location).then().statusCode(202);
        client.request().header("Content-Range", "10-14").body("abcde".getBytes()).patch(location).then()
                .statusCode(416).header("Range", "0-4").header("Location", location)
                .body("errors[0].code", equalTo("RANGE_INVALID"));
        client.request().header("Content-Range", "5-9").body("abc".getBytes()).patch(location).then().statusCode(416)
                .body("errors[0].message", equalTo("Content-Range 5-9 announces 5 bytes, Content-Length 3"));
        client.request().header("Content-Range", "5-2").body("abc".getBytes()).patch(location).then().statusCode(416)
                .body("errors[0].message", equalTo("malformed Content-Range: 5-2"));
        client.request().header("Content-Range", "garbage").body("abc".getBytes()).patch(location).then().statusCode(416);
        // the session is intact: the right chunk still fits
        client.request().header("Content-Range", "5-9").body("67890".getBytes()).patch(location).then().statusCode(202)
                .header("Range", "0-9");
        // a last chunk sent with the completing PUT is held to the same rule
        String digest = Blobs.sha256("1234567890abcde");
        client.request().header("Content-Range", "0-4").queryParam("digest", digest).body("abcde".getBytes()).put(location).then()
                .statusCode(416).header("Range", "0-9").header("Location", location).body("errors[0].code", equalTo("RANGE_INVALID"));
        client.request().header("Content-Range", "10-14").queryParam("digest", digest).body("abcde".getBytes()).put(location).then()
                .statusCode(201).header("Docker-Content-Digest", digest);
    }

    @Test
    void theSessionIsFreeForTheRightChunkAsSoonAsAWrongOneIsRefused() throws Exception {
        // the refused request gave the session back only after its 416 was sent: the next chunk, sent at once,
        // found it still claimed ("another request is writing to this upload"). Pipelined on one connection,
        // the right chunk arrives the moment the 416 is out.
        String location = startUpload().header("Location");
        try (Socket socket = new Socket(registry.getHost(), registry.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            long size = 0;
            for (int round = 0; round < 20; round++) {
                String pipelined = chunk(location, size + 10, "bad") + chunk(location, size, "abc");
                out.write(pipelined.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusOf(in)).as("round %d, the wrong chunk", round).isEqualTo(416);
                assertThat(statusOf(in)).as("round %d, the right chunk right after", round).isEqualTo(202);
                size += 3;
            }
        }
    }

    private String chunk(String location, long start, String body) {
        return "PATCH " + location + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + Tokens.pushPull(repo) + "\r\nContent-Range: "
                + start + "-" + (start + body.length() - 1) + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** Reads one response (status line, headers, a Content-Length body) and gives its status. */
    private static int statusOf(java.io.InputStream in) throws java.io.IOException {
        String status = line(in);
        long length = 0;
        for (String header; !(header = line(in)).isEmpty();) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        in.readNBytes((int) length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void anUploadWhoseWriterDiedIsTakenOverOnceItsLeaseLapses() throws Exception {
        String location = startUpload().header("Location");
        client.request().header("Content-Range", "0-4").body("12345".getBytes()).patch(location).then().statusCode(202);
        // a writer that died mid-chunk: its claim stays recorded, its lease runs out in 2 s
        String id = location.substring(location.lastIndexOf('/') + 1);
        sql("UPDATE registry.upload SET claim = gen_random_uuid(), busy_until = now() + interval '2 seconds' WHERE id = '" + id + "'");
        client.request().header("Content-Range", "5-9").body("67890".getBytes()).patch(location).then().statusCode(400)
                .header("Retry-After", matchesPattern("[12]")).body("errors[0].code", equalTo("BLOB_UPLOAD_INVALID"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                client.request().header("Content-Range", "5-9").body("67890".getBytes()).patch(location).statusCode() == 202);
        String digest = Blobs.sha256("1234567890");
        client.request().queryParam("digest", digest).put(location).then().statusCode(201);
        assertThat(client.request().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo("1234567890".getBytes());
    }

    @Test
    void anUploadTakenOverIsCompletedOnlyIfTheBytesStoredHaveTheDigest() throws Exception {
        // the writer it was taken from froze, woke up and wrote over bytes already recorded: the digest of what
        // the new writer received matches, the bytes stored do not, and they must never become the blob
        String location = startUpload().header("Location");
        client.request().header("Content-Range", "0-4").body("12345".getBytes()).patch(location).then().statusCode(202);
        String id = location.substring(location.lastIndexOf('/') + 1);
        sql("UPDATE registry.upload SET claim = gen_random_uuid(), busy_until = now() - interval '1 second' WHERE id = '" + id + "'");
        client.request().header("Content-Range", "5-9").body("67890".getBytes()).patch(location).then().statusCode(202);
        java.nio.file.Path data = uploadDirectory(location).resolve("data.inprogress"); // the filesystem driver's bytes before commit
        byte[] stored = Files.readAllBytes(data);
        stored[0] = 'X';
        Files.write(data, stored);
        String digest = Blobs.sha256("1234567890");
        client.request().queryParam("digest", digest).put(location).then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        client.request().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(404);
    }

    @Test
    void aWriterThatLostItsLeaseRecordsNothing() throws Exception {
        String location = startUpload().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        try (Socket socket = patchInFlight(location)) {
            Thread.sleep(500);
            // another request took the upload over meanwhile (this one's lease lapsed while it was frozen)
            sql("UPDATE registry.upload SET claim = gen_random_uuid() WHERE id = '" + id + "'");
            socket.getOutputStream().write(new byte[999_000]);
            socket.getOutputStream().flush();
            socket.setSoTimeout(15_000);
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).as("the chunk is not recorded").doesNotContain("202");
        } catch (java.io.IOException closed) {
            // or its connection was closed once the renewal found the lease gone
        }
        assertThat(sqlLong("SELECT size FROM registry.upload WHERE id = '" + id + "'")).isZero();
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    private void sql(String statement) throws java.sql.SQLException {
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private long sqlLong(String query) throws java.sql.SQLException {
        try (var c = db.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void wrongDigestIsRefusedAndLeavesNoBlob() {
        String location = startUpload().header("Location");
        String claimed = Blobs.sha256("something else");
        client.request().queryParam("digest", claimed).body("actual content".getBytes()).put(location).then()
                .statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        client.request().head("/v2/" + repo + "/blobs/" + claimed).then().statusCode(404);
        client.request().head("/v2/" + repo + "/blobs/" + Blobs.sha256("actual content")).then().statusCode(404);
        client.request().get(location).then().statusCode(404);
        client.request().queryParam("digest", claimed).body("x".getBytes()).post("/v2/" + repo + "/blobs/uploads/")
                .then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
    }

    @Test
    void malformedOrUnsupportedDigestsAreRefused() {
        client.request().queryParam("digest", "sha256:xyz").body("a".getBytes()).post("/v2/" + repo + "/blobs/uploads/")
                .then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        client.request().queryParam("digest", "md5:" + "a".repeat(32)).body("a".getBytes()).post("/v2/" + repo + "/blobs/uploads/")
                .then().statusCode(400).body("errors[0].code", equalTo("UNSUPPORTED"));
        client.request().head("/v2/" + repo + "/blobs/notadigest").then().statusCode(400);
        String location = startUpload().header("Location");
        client.request().put(location).then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
    }

    @Test
    void sha512BlobsAreVerifiedToo() {
        byte[] content = Blobs.random(70_000, 3);
        String digest = DigestAlgorithm.SHA512.digest(content).toString();
        client.request().queryParam("digest", digest).body(content).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(201);
        assertThat(client.request().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
    }

    @Test
    void zeroByteBlob() {
        String digest = client.pushBlob(new byte[0]);
        client.request().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(200).header("Content-Length", "0");
    }

    @Test
    void unknownUploadsAndBlobs() {
        client.request().get("/v2/" + repo + "/blobs/uploads/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
        client.request().patch("/v2/" + repo + "/blobs/uploads/not-a-uuid").then().statusCode(404);
        client.request().get("/v2/" + repo + "/blobs/" + Blobs.sha256("never pushed")).then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UNKNOWN"));
    }

    @Test
    void anUploadOfOneRepositoryIsUnknownInAnother() {
        String location = startUpload().header("Location");
        String other = Blobs.repository("library");
        String elsewhere = location.replace(repo, other);
        new RegistryClient(other).request().get(elsewhere).then().statusCode(404);
    }

    @Test
    void cancelledUploadIsGone() {
        String location = startUpload().header("Location");
        client.request().body("partial".getBytes()).patch(location).then().statusCode(202);
        client.request().delete(location).then().statusCode(204);
        client.request().get(location).then().statusCode(404);
        client.request().delete(location).then().statusCode(404);
    }

    @Test
    void rangeRequestsServePartialContent() {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob(content);
        String url = "/v2/" + repo + "/blobs/" + digest;
        client.request().header("Range", "bytes=2-5").get(url).then().statusCode(206)
                .header("Content-Range", "bytes 2-5/16").body(equalTo("2345"));
        client.request().header("Range", "bytes=10-").get(url).then().statusCode(206).body(equalTo("abcdef"));
        client.request().header("Range", "bytes=-3").get(url).then().statusCode(206).body(equalTo("def"));
        client.request().header("Range", "bytes=16-20").get(url).then().statusCode(416)
                .header("Content-Range", "bytes */16").body("errors[0].code", equalTo("RANGE_INVALID"));
        client.request().header("Range", "bytes=abc").get(url).then().statusCode(416).header("Content-Range", "bytes */16");
    }

    @Test
    void rangesOutsideOneRangeOfBytesOrOfAnotherVersionGetTheWholeBlob() {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob(content);
        String url = "/v2/" + repo + "/blobs/" + digest;
        // RFC 9110 §14.2: a range unit the server does not know MUST be ignored; several ranges MAY be
        client.request().header("Range", "items=0-1").get(url).then().statusCode(200).body(equalTo("0123456789abcdef"));
        client.request().header("Range", "bytes=0-1,4-5").get(url).then().statusCode(200)
                .header("Content-Length", "16").body(equalTo("0123456789abcdef"));
        // §13.1.5: a Range with an If-Range that does not match the ETag is ignored
        client.request().header("Range", "bytes=2-5").header("If-Range", "\"" + digest + "\"").get(url).then()
                .statusCode(206).body(equalTo("2345"));
        client.request().header("Range", "bytes=2-5").header("If-Range", "\"sha256:0000\"").get(url).then()
                .statusCode(200).body(equalTo("0123456789abcdef"));
        client.request().header("Range", "bytes=2-5").header("If-Range", "Wed, 21 Oct 2015 07:28:00 GMT").get(url).then()
                .statusCode(200).body(equalTo("0123456789abcdef"));
    }

    @Test
    void aDownloadIsHandedToTheGatewayAsAFileWhenItAsks() {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob(content);
        String url = "/v2/" + repo + "/blobs/" + digest;
        String path = "blobs/sha256/" + digest.substring(7, 9) + "/" + digest.substring(7) + "/data";
        client.request().header(BlobFileHandoff.REQUEST, "1").header("Range", "bytes=2-5").get(url).then()
                .statusCode(206).header("Content-Range", "bytes 2-5/16").header("Docker-Content-Digest", digest)
                .header(BlobFileHandoff.PATH, path).header(BlobFileHandoff.OFFSET, "2").header(BlobFileHandoff.LENGTH, "4")
                .body(equalTo(""));
        // authorization comes first, as for any download
        given().header(BlobFileHandoff.REQUEST, "1").get(url).then().statusCode(401).header(BlobFileHandoff.PATH, (String) null);
        client.request().header(BlobFileHandoff.REQUEST, "1").get("/v2/" + repo + "/blobs/sha256:" + "0".repeat(64)).then()
                .statusCode(404).header(BlobFileHandoff.PATH, (String) null);
    }

    @Test
    void deletedBlobIsNoLongerReadableInThatRepository() {
        String digest = client.pushBlob("to delete");
        client.request().delete("/v2/" + repo + "/blobs/" + digest).then().statusCode(202);
        client.request().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(404);
        client.request().delete("/v2/" + repo + "/blobs/" + digest).then().statusCode(404);
    }

    @Test
    void mountFromARepositoryTheCallerMayReadLinksWithoutUpload() {
        String digest = client.pushBlob("shared layer");
        String target = Blobs.repository("library");
        RegistryClient both = new RegistryClient(target, Tokens.bearer(Map.of(target, "pull,push", repo, "pull")));
        both.request().queryParam("mount", digest).queryParam("from", repo).post("/v2/" + target + "/blobs/uploads/")
                .then().statusCode(201).header("Location", "/v2/" + target + "/blobs/" + digest).header("Docker-Content-Digest", digest);
        both.request().head("/v2/" + target + "/blobs/" + digest).then().statusCode(200);
    }

    @Test
    void mountFromARepositoryTheTokenDoesNotNameIsChallengedForBothScopes() {
        String source = Blobs.repository("elsewhere");
        String digest = new RegistryClient(source).pushBlob("layer of another project");
        String target = Blobs.repository("library");
        RegistryClient onlyTarget = new RegistryClient(target);
        onlyTarget.request().queryParam("mount", digest).queryParam("from", source).post("/v2/" + target + "/blobs/uploads/")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"repository:" + target + ":pull,push repository:" + source + ":pull\""))
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("errors[0].code", equalTo("UNAUTHORIZED"))
                .body("errors[0].detail[0].Name", equalTo(source));
        onlyTarget.request().head("/v2/" + target + "/blobs/" + digest).then().statusCode(404);
        // with the token the challenge asks for, it mounts
        RegistryClient both = new RegistryClient(target, Tokens.bearer(Map.of(target, "pull,push", source, "pull")));
        both.request().queryParam("mount", digest).queryParam("from", source).post("/v2/" + target + "/blobs/uploads/")
                .then().statusCode(201);
    }

    @Test
    void mountFromASourceTheTokenServiceRefusedStartsAnOrdinaryUpload() {
        String source = Blobs.repository("elsewhere");
        String digest = new RegistryClient(source).pushBlob("private layer");
        String target = Blobs.repository("library");
        RegistryClient refused = new RegistryClient(target, Tokens.bearer(Map.of(target, "pull,push", source, "")));
        refused.request().queryParam("mount", digest).queryParam("from", source).post("/v2/" + target + "/blobs/uploads/")
                .then().statusCode(202);
        refused.request().queryParam("mount", digest).post("/v2/" + target + "/blobs/uploads/").then().statusCode(202);
        refused.request().head("/v2/" + target + "/blobs/" + digest).then().statusCode(404);
    }

    @Test
    void mountWithoutFromFindsTheBlobWhereTheCallerMayRead() {
        String digest = client.pushBlob("auto-mounted layer");
        String target = Blobs.repository("library");
        RegistryClient both = new RegistryClient(target, Tokens.bearer(Map.of(target, "pull,push", repo, "pull")));
        both.request().queryParam("mount", digest).post("/v2/" + target + "/blobs/uploads/").then().statusCode(201);
    }

    @Test
    void mountsTakeBlobsFromSiblingRepositoriesOfTheProjectTheTokenGrantsPullOn() {
        // roles are per project: pull on the target is pull on every repository of its project
        String digest = client.pushBlob("sibling layer");
        String target = Blobs.repository("library");
        RegistryClient onlyTarget = new RegistryClient(target);
        onlyTarget.request().queryParam("mount", digest).post("/v2/" + target + "/blobs/uploads/").then().statusCode(201);
        String other = Blobs.repository("library");
        new RegistryClient(other).request().queryParam("mount", digest).queryParam("from", repo)
                .post("/v2/" + other + "/blobs/uploads/").then().statusCode(201);
    }

    @Test
    void aTruncatedBodyLeavesTheSessionAsItWas() throws Exception {
        String location = startUpload().header("Location");
        client.request().body("first".getBytes()).patch(location).then().statusCode(202).header("Range", "0-4");
        try (Socket socket = patchInFlight(location)) {
            // the client breaks off after 1,000 of the 1,000,000 bytes it announced
        }
        Thread.sleep(500);
        client.request().get(location).then().statusCode(204).header("Range", "0-4");
        client.request().body("second".getBytes()).patch(location).then().statusCode(202).header("Range", "0-10");
        client.request().queryParam("digest", Blobs.sha256("firstsecond")).put(location).then().statusCode(201);
    }

    @Test
    void aCancelWaitsForNoChunkInFlightAndIsRefusedLikeAConcurrentChunk() throws Exception {
        String location = startUpload().header("Location");
        client.request().body("first".getBytes()).patch(location).then().statusCode(202);
        try (Socket socket = patchInFlight(location)) {
            Thread.sleep(500);
            // the chunk holds the session: a cancel must not delete the bytes it is writing
            client.request().delete(location).then().statusCode(400).body("errors[0].code", equalTo("BLOB_UPLOAD_INVALID"));
            client.request().get(location).then().statusCode(204).header("Range", "0-4");
        }
        // the chunk broke off and let go: now the cancel goes through, once
        await().atMost(Duration.ofSeconds(10)).until(() -> client.request().delete(location).statusCode() == 204);
        client.request().get(location).then().statusCode(404);
        assertThat(Files.exists(uploadDirectory(location))).isFalse();
    }

    /** A PATCH announcing 1,000,000 bytes of which 1,000 are sent: it holds the session until the socket closes. */
    private Socket patchInFlight(String location) throws java.io.IOException {
        Socket socket = new Socket(registry.getHost(), registry.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + Tokens.pushPull(repo)
                + "\r\nContent-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[1000]);
        out.flush();
        return socket;
    }

    @Test
    void aBlobUploadedToOneRepositoryIsNotReadableFromAnother() {
        String digest = client.pushBlob("isolated");
        String other = Blobs.repository("library");
        new RegistryClient(other).request().head("/v2/" + other + "/blobs/" + digest).then().statusCode(404);
    }

    @Test
    void uploadsLeaveNothingInTheUploadArea() throws Exception {
        String location = startUpload().header("Location");
        client.request().queryParam("digest", Blobs.sha256("x")).body("y".getBytes()).put(location).then().statusCode(400);
        assertThat(Files.exists(uploadDirectory(location))).isFalse();

        // completed uploads, the second a copy of a blob already stored, are cleared after the answer
        for (int i = 0; i < 2; i++) {
            String completed = startUpload().header("Location");
            client.request().queryParam("digest", Blobs.sha256("tidy")).body("tidy".getBytes()).put(completed)
                    .then().statusCode(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(uploadDirectory(completed)));
        }
        client.request().get("/v2/" + client.repository() + "/blobs/" + Blobs.sha256("tidy")).then().statusCode(200)
                .body(equalTo("tidy"));
    }

    private static java.nio.file.Path uploadDirectory(String location) {
        String id = location.substring(location.lastIndexOf('/') + 1);
        return RegistryTestResource.DIR.resolve("storage/_uploads").resolve(id);
    }

}
