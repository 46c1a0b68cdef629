package io.berth.core.artifact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Harbor's Artifact, as {@code /api/v2.0/projects/{p}/repositories/{r}/artifacts} returns it. */
public record ArtifactView(long id, String type, String mediaType, String manifestMediaType, String artifactType, long projectId,
        long repositoryId, String repositoryName, String digest, long size, OffsetDateTime pushTime, OffsetDateTime pullTime,
        long pullCount, Map<String, Object> annotations, Map<String, Object> extraAttrs, List<Reference> references,
        List<TagView> tags, List<io.berth.core.label.Label.View> labels, Map<String, ?> scanOverview, Map<String, ?> sbomOverview,
        List<ArtifactAdditions.Accessory> accessories) {

    /** This artifact with Harbor's {@code scan_overview} and {@code sbom_overview} (report MIME type to overview); null leaves one out. */
    public ArtifactView withOverviews(Map<String, ?> scan, Map<String, ?> sbom) {
        return new ArtifactView(id, type, mediaType, manifestMediaType, artifactType, projectId, repositoryId, repositoryName, digest, size, pushTime,
                pullTime, pullCount, annotations, extraAttrs, references, tags, labels, scan, sbom, accessories);
    }

    /** This artifact with Harbor's {@code accessories} (asked for with {@code with_accessory}); null leaves them out. */
    public ArtifactView withAccessories(List<ArtifactAdditions.Accessory> list) {
        return new ArtifactView(id, type, mediaType, manifestMediaType, artifactType, projectId, repositoryId, repositoryName, digest, size, pushTime,
                pullTime, pullCount, annotations, extraAttrs, references, tags, labels, scanOverview, sbomOverview, list);
    }

    /** A child of an index: the index's and the child's ids, the child's digest and platform. */
    public record Reference(Long parentId, Long childId, String childDigest, Map<String, Object> platform, Map<String, Object> annotations,
            List<?> urls) {

        Reference withIds(long parent, Long child) {
            return new Reference(parent, child, childDigest, platform, annotations, urls);
        }
    }

    /** Harbor's Tag; tags are never immutable in Berth (yet). */
    public record TagView(long id, long artifactId, long repositoryId, String name, OffsetDateTime pushTime, OffsetDateTime pullTime, boolean immutable) {}
}
