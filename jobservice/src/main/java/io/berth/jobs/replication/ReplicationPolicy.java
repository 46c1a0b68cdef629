package io.berth.jobs.replication;

import java.util.List;

/**
 * What core sends to run a replication policy (a snapshot: later edits do not change a running
 * execution). A null registry id is this Berth. {@code resource}, for an event-triggered run, names
 * the one artifact pushed or deleted.
 */
public record ReplicationPolicy(long policyId, Long srcRegistryId, Long destRegistryId, String destNamespace,
        Integer destNamespaceReplaceCount, List<Filter> filters, boolean override, int speed, boolean copyByChunk, String trigger,
        Resource resource) {

    /**
     * Harbor's filter: type {@code name} or {@code tag} with a glob, {@code resource} with {@code image}
     * or {@code artifact}, {@code label} with a list of label names; {@code matches} or {@code excludes}.
     */
    public record Filter(String type, Object value, String decoration) {
        boolean excludes() {
            return "excludes".equals(decoration);
        }

        String text() {
            return value instanceof String s ? s : null;
        }

        List<String> names() {
            return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        }
    }

    /** The artifact of an event: its repository, the tag pushed or deleted, and its digest. */
    public record Resource(String repository, String tag, boolean deleted, String digest) {}

    /** The destination repository of {@code repository}: Harbor's namespace replacement and flattening. */
    String destinationRepository(String repository) {
        if (destNamespace == null || destNamespace.isBlank()) {
            return repository;
        }
        String[] parts = repository.split("/");
        int replace = destNamespaceReplaceCount == null || destNamespaceReplaceCount < 0 ? 1 : destNamespaceReplaceCount;
        replace = Math.min(replace, parts.length - 1);
        return destNamespace + "/" + String.join("/", java.util.Arrays.copyOfRange(parts, replace, parts.length));
    }

    /** Pull-based: the destination is this Berth's own registry. */
    public boolean pullsIntoThisBerth() {
        return destRegistryId == null;
    }

    /** Harbor's resource filter {@code image}: container images only ({@code artifact}, or none: everything). */
    boolean imagesOnly() {
        return filters != null && filters.stream().anyMatch(f -> "resource".equals(f.type()) && "image".equals(f.text()));
    }

    /** Whether any label filter is set: each artifact's labels must then be looked up. */
    boolean filtersOnLabels() {
        return filters != null && filters.stream().anyMatch(f -> "label".equals(f.type()));
    }

    /**
     * Harbor's label filters: {@code matches} lets through an artifact carrying every label named,
     * {@code excludes} one carrying none of them.
     */
    boolean labelsWanted(java.util.Set<String> labels) {
        for (Filter f : filters == null ? List.<Filter>of() : filters) {
            if ("label".equals(f.type())) {
                boolean wanted = f.excludes() ? f.names().stream().noneMatch(labels::contains) : labels.containsAll(f.names());
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
        if (filters == null) {
            return true;
        }
        for (Filter f : filters) {
            if (type.equals(f.type()) && f.text() != null && !f.text().isEmpty() && Glob.matches(f.text(), value) == f.excludes()) {
                return false;
            }
        }
        return true;
    }
}
