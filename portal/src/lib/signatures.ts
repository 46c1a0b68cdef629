import type { Accessory, Artifact } from '../api/types';

export type SignatureKind = 'cosign' | 'notation';

/** The accessory type of each kind of signature (docs/signatures.md). */
const TYPES: Record<string, SignatureKind> = { 'signature.cosign': 'cosign', 'signature.notation': 'notation' };

/**
 * The content-trust policies of a project (its metadata keys), with Harbor's message for a pull they refuse
 * (412 PROJECTPOLICYVIOLATION, registry-service). The message is the API's, shown as it would come.
 */
const POLICIES: { key: string; kind: SignatureKind; message: string }[] = [
  { key: 'enable_content_trust_cosign', kind: 'cosign', message: 'The image is not signed in Cosign.' },
  { key: 'enable_content_trust', kind: 'notation', message: 'The image is not signed in Notary.' },
];

/** Artifact types of signatures and SBOMs: such a manifest refers to an image (its subject) and is itself always pullable. */
const ACCESSORY_ARTIFACT_TYPES = [
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/vnd.cncf.notary.signature',
  'application/vnd.goharbor.harbor.sbom.v1',
  'application/spdx+json',
  'application/vnd.cyclonedx+json',
];

/**
 * Whether a listed artifact is itself an accessory, which content trust never refuses (cosign verify fetches it):
 * tagged after the digest it signs (cosign's tag scheme) or of a signature or SBOM artifact type. The list does not
 * say whether a manifest has a subject, so another referrer is not recognised here.
 */
export function isAccessory(artifact: Pick<Artifact, 'tags' | 'artifact_type'>): boolean {
  return (
    (artifact.tags ?? []).some((tag) => /^sha256-[0-9a-f]{64}\.(sig|att|sbom)$/.test(tag.name)) ||
    ACCESSORY_ARTIFACT_TYPES.includes(artifact.artifact_type ?? '')
  );
}

/** The kinds of signature among an artifact's accessories, in a stable order. */
export function signatureKinds(accessories: Accessory[] | undefined): SignatureKind[] {
  const kinds = new Set((accessories ?? []).map((a) => TYPES[a.type]).filter(Boolean));
  return (['cosign', 'notation'] as const).filter((k) => kinds.has(k));
}

export function hasSbom(accessories: Accessory[] | undefined): boolean {
  return (accessories ?? []).some((a) => a.type.endsWith('.sbom'));
}

/**
 * The messages a pull of this artifact is refused with, as far as the portal knows: a policy on and no signature of
 * its kind. Empty when the accessories were not listed (nothing known), for an accessory, and for a signed artifact: whether its
 * signature verifies under a trusted key is decided by the registry, not shown here.
 */
export function pullRefusals(metadata: Record<string, string> | undefined, artifact: Pick<Artifact, 'tags' | 'artifact_type' | 'accessories'>): string[] {
  const accessories = artifact.accessories;
  if (accessories === undefined || isAccessory(artifact)) {
    return [];
  }
  const signed = signatureKinds(accessories);
  return POLICIES.filter((p) => metadata?.[p.key] === 'true' && !signed.includes(p.kind)).map((p) => p.message);
}
