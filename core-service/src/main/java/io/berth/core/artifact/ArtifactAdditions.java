package io.berth.core.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.registry.RegistryChanges;
import io.berth.core.views.RegistryViews;
import io.berth.core.views.RegistryViews.ArtifactRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Harbor's artifact page shows beside the artifact itself: its accessories (signatures, SBOMs and
 * other artifacts whose OCI {@code subject} is this one, and cosign's {@code sha256-<hex>.sig} tags),
 * the build history its image config records, and (Berth's own addition) its layers.
 */
@ApplicationScoped
public class ArtifactAdditions {
    /** The largest image config read to show its history: configs are a few KB; this is a guard, not a limit anyone meets. */
    static final int CONFIG_LIMIT = 4 * 1024 * 1024;
    private static final List<String> IMAGE_CONFIGS = List.of("application/vnd.oci.image.config.v1+json",
            "application/vnd.docker.container.image.v1+json");

    /** Harbor's Accessory. */
    public record Accessory(long id, long artifactId, Long subjectArtifactId, String subjectArtifactDigest, String subjectArtifactRepo,
            long size, String digest, String type, String icon, OffsetDateTime creationTime) {}

    /** A layer of an image manifest, in order. */
    public record Layer(String mediaType, String digest, long size, Map<String, Object> annotations) {}

    private final RegistryViews views;
    private final RegistryChanges registry;
    private final CurrentCaller current;
    private final ObjectMapper json;

    ArtifactAdditions(RegistryViews views, RegistryChanges registry, CurrentCaller current, ObjectMapper json) {
        this.views = views;
        this.registry = registry;
        this.current = current;
        this.json = json;
    }

    /** The artifact's accessories, newest first: artifacts of its repository with it as their subject, and its cosign signature tag. */
    public Page<Accessory> accessories(ArtifactRow subject, Paging paging) {
        return accessories(subject.id(), subject.repositoryId(), subject.repository(), subject.digest(), paging);
    }

    /** Harbor's {@code accessories} of each artifact listed (with {@code with_accessory}): the first page of 100 of each. */
    public List<ArtifactView> withAccessories(List<ArtifactView> artifacts) {
        return artifacts.stream().map(a -> a.withAccessories(accessories(a.id(), a.repositoryId(), a.repositoryName(), a.digest(),
                Paging.of(1, Paging.MAX_PAGE_SIZE)).items())).toList();
    }

    private Page<Accessory> accessories(long subjectId, long repositoryId, String repository, String digest, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        params.put("repository_id", repositoryId);
        params.put("subject", digest);
        params.put("cosign_tag", digest.replace(':', '-') + ".sig");
        String where = "a.repository_id = :repository_id and (a.subject_digest = :subject or a.digest = (select t.digest from "
                + "registry.tag_view t where t.repository_id = :repository_id and t.name = :cosign_tag))";
        List<Accessory> items = views.artifacts(where, params, "a.push_time desc, a.digest", paging).stream()
                .map(a -> new Accessory(a.id(), a.id(), subjectId, digest, repository, a.size(), a.digest(), type(a), null, a.pushTime()))
                .toList();
        return new Page<>(items, views.countArtifacts(where, params));
    }

    /** Harbor's accessory type of an artifact, from its artifact type or config media type; a cosign tag is a cosign signature. */
    String type(ArtifactRow accessory) {
        JsonNode manifest = manifest(accessory);
        String kind = accessory.artifactType() != null ? accessory.artifactType() : manifest.path("config").path("mediaType").asText("");
        if (accessory.subjectDigest() == null) {
            return "signature.cosign";
        }
        return switch (kind) {
            case "application/vnd.cncf.notary.signature" -> "signature.notation";
            case "application/vnd.dev.cosign.artifact.sig.v1+json", "application/vnd.dev.sigstore.bundle.v0.3+json" -> "signature.cosign";
            case "application/vnd.goharbor.harbor.sbom.v1" -> "harbor.sbom";
            default -> "subject.accessory";
        };
    }

    /** The {@code history} of an image's config, as Harbor's {@code additions/build_history} returns it; 404 for what is no image. */
    public JsonNode buildHistory(ArtifactRow artifact) {
        JsonNode config = manifest(artifact).path("config");
        if (!IMAGE_CONFIGS.contains(config.path("mediaType").asText())) {
            throw HarborException.notFound("artifact " + artifact.repository() + "@" + artifact.digest()
                    + " is no image (no image config): it has no build history");
        }
        byte[] bytes = registry.smallBlob(current.get(), artifact.repository(), config.path("digest").asText(), CONFIG_LIMIT);
        try {
            JsonNode history = json.readTree(bytes).path("history");
            return history.isArray() ? history : json.createArrayNode();
        } catch (IOException e) {
            throw new HarborException(422, "UNPROCESSABLE_ENTITY", "the config of " + artifact.repository() + "@" + artifact.digest()
                    + " is not JSON: " + e.getMessage());
        }
    }

    /** The layers an image manifest lists, in order; 404 for an index, which has none of its own. */
    @SuppressWarnings("unchecked")
    public List<Layer> layers(ArtifactRow artifact) {
        JsonNode manifest = manifest(artifact);
        if (!manifest.has("layers")) {
            throw HarborException.notFound("artifact " + artifact.repository() + "@" + artifact.digest()
                    + " lists no layers (an index lists manifests: see its references)");
        }
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            layers.add(new Layer(layer.path("mediaType").asText(null), layer.path("digest").asText(null), layer.path("size").asLong(),
                    layer.has("annotations") ? json.convertValue(layer.get("annotations"), Map.class) : null));
        }
        return layers;
    }

    private JsonNode manifest(ArtifactRow artifact) {
        try {
            return json.readTree(artifact.content());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
