/**
 * The payloads of registry-service's internal scrub API ({@code POST /internal/scrub/check}, token audience
 * {@link io.berth.common.token.Audiences#REGISTRY_SCRUB}), which jobservice's {@code SCRUB} job pages through: each
 * call re-reads the stored bytes of a page of blobs after a cursor (digest order) and quarantines those that no longer
 * match their digest. JSON in snake case. Described in {@code docs/scrub.md}.
 */
package io.berth.common.scrub;
