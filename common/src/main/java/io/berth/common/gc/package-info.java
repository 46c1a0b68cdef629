/**
 * The payloads of registry-service's internal garbage collection API ({@code POST /internal/gc/…}, token audience
 * {@link io.berth.common.token.Audiences#REGISTRY_GC}), which jobservice's GC job drives: {@code start} → pages of
 * {@code manifests|links|blobs/candidates} → batches of {@code …/collect} → {@code finish}. JSON in snake case.
 * The protocol is described in {@code docs/gc.md}.
 */
package io.berth.common.gc;
