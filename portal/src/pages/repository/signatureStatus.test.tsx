import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import en from '../../i18n/en.json';
import type { Accessory, Artifact } from '../../api/types';
import { PullRefusalAlert, SignatureStatus } from './SignatureStatus';

/** An artifact row's signature status and the pull dialog's 412 notice, rendered by React in the portal's real i18n. */
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false }, nsSeparator: false });
});

const accessory = (type: string): Accessory => ({ id: 9, artifact_id: 1, subject_artifact_digest: 'sha256:a', digest: 'sha256:b', size: 1, type });
const artifact = (accessories: Accessory[]): Artifact => ({ id: 1, digest: 'sha256:a', size: 1, tags: [{ id: 1, name: 'v1' }], accessories });
const cosignOn = { enable_content_trust_cosign: 'true' };

describe('an artifact row', () => {
  it('says signed, with the kinds, and nothing is refused', () => {
    const a = artifact([accessory('signature.cosign'), accessory('harbor.sbom')]);
    const html = renderToStaticMarkup(<SignatureStatus artifact={a} metadata={cosignOn} />);
    expect(html).toContain('Signed: Cosign');
    expect(html).not.toContain('Pulls refused');
    expect(renderToStaticMarkup(<PullRefusalAlert artifact={a} metadata={cosignOn} />)).toBe('');
  });

  it('says pulls are refused, and the pull dialog gives the 412 message clients get', () => {
    const a = artifact([accessory('signature.notation')]);
    expect(renderToStaticMarkup(<SignatureStatus artifact={a} metadata={cosignOn} />)).toContain('Pulls refused');
    expect(renderToStaticMarkup(<PullRefusalAlert artifact={a} metadata={cosignOn} />)).toContain('Clients get 412: The image is not signed in Cosign.');
  });

  it('shows nothing for an unsigned artifact of a project without a policy', () => {
    expect(renderToStaticMarkup(<SignatureStatus artifact={artifact([])} metadata={{}} />)).toBe('');
  });
});
