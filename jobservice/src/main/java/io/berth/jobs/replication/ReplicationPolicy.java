package io.berth.jobs.replication;

import io.berth.common.job.ReplicationRequest;
import java.util.List;

/**
 * A replication request ({@link ReplicationRequest}, the snapshot core sends) as jobservice runs it: which
 * repositories and tags its filters let through, where they go.
 */
public record ReplicationPolicy(ReplicationRequest request) {
    public long policyId() {
        return request.policyId();
    }

    public Long srcRegistryId() {
        return request.srcRegistryId();
    }

    public Long destRegistryId() {
        return request.destRegistryId();
    }

    public boolean override() {
        return request.override();
    }

    public int speed() {
        return request.speed();
    }

    public boolean copyByChunk() {
        return request.copyByChunk();
    }

    public String trigger() {
        return request.trigger();
    }

    public ReplicationRequest.Resource resource() {
        return request.resource();
    }

    private List<ReplicationRequest.Filter> filters() {
        return request.filters();
    }

    /** The destination repository of {@code repository}: Harbor's namespace replacement and flattening. */
    String destinationRepository(String repository) {
        String destNamespace = request.destNamespace();
        Integer replaceCount = request.destNamespaceReplaceCount();
        if (destNamespace == null || destNamespace.isBlank()) {
            return repository;
        }
        String[] parts = repository.split("/");
        int replace = replaceCount == null || replaceCount < 0 ? 1 : replaceCount;
        replace = Math.min(replace, parts.length - 1);
        return destNamespace + "/" + String.join("/", java.util.Arrays.copyOfRange(parts, replace, parts.length));
    }

    /** Pull-based: the destination is this Berth's own registry. */
    public boolean pullsIntoThisBerth() {
        return request.destRegistryId() == null;
    }

    /** Harbor's resource filter {@code image}: container images only ({@code artifact}, or none: everything). */
    boolean imagesOnly() {
        return filters() != null && filters().stream().anyMatch(f -> "resource".equals(f.type()) && "image".equals(text(f)));
    }

    /** Whether any label filter is set: each artifact's labels must then be looked up. */
    boolean filtersOnLabels() {
        return filters() != null && filters().stream().anyMatch(f -> "label".equals(f.type()));
    }

    /**
     * Harbor's label filters: {@code matches} lets through an artifact carrying every label named,
     * {@code excludes} one carrying none of them.
     */
    boolean labelsWanted(java.util.Set<String> labels) {
        for (ReplicationRequest.Filter f : filters() == null ? List.<ReplicationRequest.Filter>of() : filters()) {
            if ("label".equals(f.type())) {
                boolean wanted = excludes(f) ? names(f).stream().noneMatch(labels::contains) : labels.containsAll(names(f));
                if (!wanted) {
                    return false;
                }
            }
        }
        return true;
    }

    boolean repositoryWanted(String repository) {
        return wanted("name", repository);
    }

    boolean tagWanted(String tag) {
        return wanted("tag", tag);
    }

    private boolean wanted(String type, String value) {
        if (filters() == null) {
            return true;
        }
        for (ReplicationRequest.Filter f : filters()) {
            if (type.equals(f.type()) && text(f) != null && !text(f).isEmpty() && Glob.matches(text(f), value) == excludes(f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean excludes(ReplicationRequest.Filter f) {
        return "excludes".equals(f.decoration());
    }

    private static String text(ReplicationRequest.Filter f) {
        return f.value() instanceof String s ? s : null;
    }

    private static List<String> names(ReplicationRequest.Filter f) {
        return f.value() instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
