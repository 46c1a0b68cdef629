import type { Accessory } from '../api/types';

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
 * its kind. Empty when the accessories were not listed (nothing known), and for a signed artifact: whether its
 * signature verifies under a trusted key is decided by the registry, not shown here.
 */
export function pullRefusals(metadata: Record<string, string> | undefined, accessories: Accessory[] | undefined): string[] {
  if (accessories === undefined) {
    return [];
  }
  const signed = signatureKinds(accessories);
  return POLICIES.filter((p) => metadata?.[p.key] === 'true' && !signed.includes(p.kind)).map((p) => p.message);
}
