package io.berth.jobs.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.ArtifactCopier;
import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryException;
import io.berth.jobs.dispatch.Task;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.dispatch.TaskRunner;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs one replication task: copies a tagged artifact (or deletes it at the destination), idempotently. */
@ApplicationScoped
public class ReplicationRunner implements TaskRunner {
    /** Chunk size of {@code copy_by_chunk} uploads: each chunk is held in memory, once per blob copied in parallel. */
    static final int CHUNK_SIZE = 8 << 20;

    private final Endpoints endpoints;
    private final ObjectMapper json;

    ReplicationRunner(Endpoints endpoints, ObjectMapper json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    @Override
    public String kind() {
        return ReplicationPlanner.KIND;
    }

    @Override
    public void run(Task task, TaskContext context) throws Exception {
        ReplicationPlanner.CopyTask copy = json.treeToValue(task.params(), ReplicationPlanner.CopyTask.class);
        OciClient destination = endpoints.client(copy.destRegistryId());
        String target = copy.destRepository() + ":" + copy.tag();
        if (copy.delete()) {
            delete(copy, destination, target, context);
            return;
        }
        OciClient source = endpoints.client(copy.srcRegistryId());
        if (copy.imagesOnly()) {
            Manifest manifest = source.manifest(copy.srcRepository(), copy.tag());
            if (!manifest.isImage()) {
                context.log(copy.srcRepository() + ":" + copy.tag() + " is not an image (" + manifest.mediaType()
                        + "): left out by the resource filter");
                return;
            }
        }
        context.log("copying " + copy.srcRepository() + ":" + copy.tag() + " from " + source.endpoint().url() + " to " + target + " at "
                + destination.endpoint().url());
        ArtifactCopier copier = new ArtifactCopier(context::addBytes, copy.speed() > 0 ? copy.speed() * 1024L : 0,
                copy.copyByChunk() ? CHUNK_SIZE : 0);
        ArtifactCopier.Outcome outcome = copier.copy(source, copy.srcRepository(), copy.tag(), destination, copy.destRepository(),
                copy.tag(), copy.override());
        context.log(switch (outcome) {
            case COPIED -> "copied " + context.bytes() + " bytes of blobs";
            case UNCHANGED -> "the destination already has it";
            case SKIPPED_EXISTING -> "the destination's " + target + " is another artifact and override is off: left alone";
        });
    }

    /**
     * Replicates the deletion of a tag: only if the destination's tag still names the deleted
     * artifact; the tag alone where the registry deletes tags, else the manifest (CNCF Distribution).
     */
    private static void delete(ReplicationPlanner.CopyTask copy, OciClient destination, String target, TaskContext context) {
        String current = destination.manifestDigest(copy.destRepository(), copy.tag());
        if (current == null) {
            context.log(target + " is not at the destination: nothing to delete");
        } else if (copy.digest() != null && !copy.digest().isEmpty() && !current.equals(copy.digest())) {
            context.log(target + " names " + current + ", not the deleted " + copy.digest() + ": left alone");
        } else if (destination.deleteTag(copy.destRepository(), copy.tag())) {
            context.log("deleted the tag " + target);
        } else {
            destination.deleteManifest(copy.destRepository(), current);
            context.log("the destination does not delete tags alone: deleted the manifest " + current + " of " + target);
        }
    }

    @Override
    public boolean retryable(Exception failure) {
        if (failure instanceof RegistryException e) {
            return e.transientFailure();
        }
        return TaskRunner.super.retryable(failure);
    }
}
