import { describe, expect, it } from 'vitest';
import type { Accessory } from '../api/types';
import { hasSbom, pullRefusals, signatureKinds } from './signatures';

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
    expect(pullRefusals(both, [])).toEqual(['The image is not signed in Cosign.', 'The image is not signed in Notary.']);
    expect(pullRefusals(both, [cosign])).toEqual(['The image is not signed in Notary.']);
    expect(pullRefusals(both, [cosign, notation])).toEqual([]);
    expect(pullRefusals({ enable_content_trust_cosign: 'false' }, [])).toEqual([]);
    expect(pullRefusals({ enable_content_trust_cosign: 'true' }, [sbom])).toEqual(['The image is not signed in Cosign.']);
  });

  it('say nothing when the accessories were not listed', () => {
    expect(pullRefusals({ enable_content_trust_cosign: 'true' }, undefined)).toEqual([]);
  });
});
