import { describe, expect, it } from 'vitest';
import type { Accessory } from '../api/types';
import { hasSbom, isAccessory, pullRefusals, signatureKinds } from './signatures';

const accessory = (type: string): Accessory => ({ id: 1, artifact_id: 2, subject_artifact_digest: 'sha256:a', digest: 'sha256:b', size: 1, type });
const cosign = accessory('signature.cosign');
const notation = accessory('signature.notation');
const sbom = accessory('harbor.sbom');

describe('signatures of an artifact', () => {
  it('are told apart from other accessories', () => {
    expect(signatureKinds([sbom, notation, cosign, cosign])).toEqual(['cosign', 'notation']);
    expect(signatureKinds([accessory('subject.accessory')])).toEqual([]);
    expect(signatureKinds(undefined)).toEqual([]);
    expect(hasSbom([sbom])).toBe(true);
    expect(hasSbom([cosign])).toBe(false);
  });

  it('decide which of Harbor\'s 412 messages a pull gets', () => {
    const both = { enable_content_trust_cosign: 'true', enable_content_trust: 'true' };
    const image = (accessories: Accessory[]) => ({ tags: [{ id: 1, name: 'v1' }], artifact_type: 'application/vnd.oci.image.config.v1+json', accessories });
    expect(pullRefusals(both, image([]))).toEqual(['The image is not signed in Cosign.', 'The image is not signed in Notary.']);
    expect(pullRefusals(both, image([cosign]))).toEqual(['The image is not signed in Notary.']);
    expect(pullRefusals(both, image([cosign, notation]))).toEqual([]);
    expect(pullRefusals({ enable_content_trust_cosign: 'false' }, image([]))).toEqual([]);
    expect(pullRefusals({ enable_content_trust_cosign: 'true' }, image([sbom]))).toEqual(['The image is not signed in Cosign.']);
  });

  it('say nothing when the accessories were not listed', () => {
    expect(pullRefusals({ enable_content_trust_cosign: 'true' }, { tags: [] })).toEqual([]);
  });

  it('never refuse an accessory, which verification tools pull', () => {
    const digest = 'a'.repeat(64);
    const sig = { tags: [{ id: 2, name: `sha256-${digest}.sig` }], accessories: [] };
    const notary = { tags: [], artifact_type: 'application/vnd.cncf.notary.signature', accessories: [] };
    expect(isAccessory(sig)).toBe(true);
    expect(isAccessory(notary)).toBe(true);
    expect(isAccessory({ tags: [{ id: 3, name: 'sha256-short.sig' }] })).toBe(false);
    expect(pullRefusals({ enable_content_trust_cosign: 'true' }, sig)).toEqual([]);
    expect(pullRefusals({ enable_content_trust: 'true' }, notary)).toEqual([]);
  });
});
