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

    /** Harbor's filter: type {@code name} or {@code tag} with a glob, {@code matches} or {@code excludes}; or {@code resource}: {@code image} or {@code artifact}. */
    public record Filter(String type, String value, String decoration) {
        boolean excludes() {
            return "excludes".equals(decoration);
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
        return filters != null && filters.stream().anyMatch(f -> "resource".equals(f.type()) && "image".equals(f.value()));
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
            if (type.equals(f.type()) && f.value() != null && !f.value().isEmpty() && Glob.matches(f.value(), value) == f.excludes()) {
                return false;
            }
        }
        return true;
    }
}
