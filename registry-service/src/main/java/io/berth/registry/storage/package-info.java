/**
 * Blob storage: a small {@link io.berth.registry.storage.StorageDriver} interface that knows bytes
 * only, with a filesystem and an S3 implementation that pass one test kit. Upload sessions, digest
 * checks and linking are written once above the drivers ({@code io.berth.registry.upload}).
 *
 * <p>Layout under the driver's root ({@link io.berth.registry.storage.BlobPaths}):
 * <pre>
 * blobs/
 *   sha256/
 *     ab/
 *       abcdef…/data          content of blob sha256:abcdef…, immutable once moved here
 *   sha512/…
 * _uploads/
 *   &lt;uuid&gt;/data              bytes received so far for upload session &lt;uuid&gt;
 * </pre>
 * Which repositories may read a blob, manifests, tags and upload offsets and hash states are in
 * PostgreSQL (schema {@code registry}), never in storage: nothing is ever listed to answer a request.
 */
package io.berth.registry.storage;
