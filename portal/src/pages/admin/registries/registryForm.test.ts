import { describe, expect, it } from 'vitest';
import { REGISTRY_TYPES, type Registry } from '../../../api/registries';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import {
  NEW_REGISTRY,
  formOf,
  hasStoredSecret,
  pingable,
  registryCreation,
  registryPing,
  registryProblems,
  registryUpdate,
  registryUrl,
  registryValid,
} from './registryForm';

const stored: Registry = {
  id: 7,
  name: 'hub',
  type: 'docker-registry',
  url: 'https://registry.example',
  credential: { type: 'basic', access_key: 'bob', access_secret: '*****' },
  insecure: true,
  description: 'mirror',
};

describe('registry URLs', () => {
  it.each(['https://registry.example', 'http://localhost:5000', 'https://10.0.0.1:8443/', ' https://h.example '])('accepts %j', (url) => {
    expect(registryUrl(url)).toBeNull();
  });
  it.each([
    ['', 'validation.required'],
    ['   ', 'validation.required'],
    ['registry.example', 'adminRegistries.urlInvalid'],
    ['ftp://registry.example', 'adminRegistries.urlScheme'],
    ['https://', 'adminRegistries.urlInvalid'],
    ['https://a b.example', 'adminRegistries.urlInvalid'],
    ['https://h.example/a path', 'adminRegistries.urlInvalid'],
  ])('refuses %j with %s', (url, reason) => {
    expect(registryUrl(url)).toBe(reason);
  });
});

describe('the registry form', () => {
  const good = { ...NEW_REGISTRY, name: 'remote', url: 'https://registry.example' };

  it('starts empty, without problems shown, and not valid', () => {
    expect(registryProblems(NEW_REGISTRY)).toEqual({ name: null, url: null });
    expect(registryValid(NEW_REGISTRY)).toBe(false);
    expect(NEW_REGISTRY.verifyCert).toBe(true);
  });
  it('needs a name and a URL; a ping needs the URL only', () => {
    expect(registryValid(good)).toBe(true);
    expect(registryValid({ ...good, name: '  ' })).toBe(false);
    expect(registryProblems({ ...good, name: '  ' }).name).toBe('validation.required');
    expect(pingable({ ...good, name: '' })).toBe(true);
    expect(pingable({ ...good, url: 'nope' })).toBe(false);
  });
  it('takes a stored registry without its secret', () => {
    expect(formOf(stored)).toEqual({
      name: 'hub',
      type: 'docker-registry',
      url: 'https://registry.example',
      accessKey: 'bob',
      accessSecret: '',
      verifyCert: false,
      description: 'mirror',
    });
    expect(hasStoredSecret(stored)).toBe(true);
    expect(hasStoredSecret({ ...stored, credential: { type: 'basic' } })).toBe(false);
    expect(formOf({ id: 1, name: 'x', type: 'harbor', url: 'http://x' })).toMatchObject({ accessKey: '', verifyCert: true, description: '' });
  });
});

describe('the requests the form makes', () => {
  const values = { ...formOf(stored), accessSecret: 's3cret' };

  it('creates with Harbor\'s nested basic credential', () => {
    expect(registryCreation({ ...values, name: ' hub ', url: ' https://registry.example ' })).toEqual({
      name: 'hub',
      type: 'docker-registry',
      url: 'https://registry.example',
      credential: { type: 'basic', access_key: 'bob', access_secret: 's3cret' },
      insecure: true,
      description: 'mirror',
    });
  });
  it('sends no secret without an access key', () => {
    expect(registryCreation({ ...values, accessKey: '' }).credential).toEqual({ type: 'basic', access_key: '', access_secret: '' });
    expect(registryPing({ ...values, accessKey: '' })).toMatchObject({ access_key: '', access_secret: '' });
  });
  it('updates with the flat fields, without the type', () => {
    expect(registryUpdate(values)).toEqual({
      name: 'hub',
      url: 'https://registry.example',
      credential_type: 'basic',
      access_key: 'bob',
      access_secret: 's3cret',
      insecure: true,
      description: 'mirror',
    });
  });
  it('keeps the stored secret when none is typed, and drops it with the access key', () => {
    expect(registryUpdate(formOf(stored))).not.toHaveProperty('access_secret');
    expect(registryUpdate({ ...formOf(stored), accessKey: ' ' })).toMatchObject({ access_key: '', access_secret: '' });
  });
  it('pings the form\'s values, over the stored registry when editing', () => {
    expect(registryPing(values)).toEqual({
      type: 'docker-registry',
      url: 'https://registry.example',
      credential_type: 'basic',
      access_key: 'bob',
      access_secret: 's3cret',
      insecure: true,
    });
    expect(registryPing(formOf(stored), 7)).toEqual({
      id: 7,
      url: 'https://registry.example',
      credential_type: 'basic',
      access_key: 'bob',
      insecure: true,
    });
  });
});

describe('registry types', () => {
  it('are named in both languages', () => {
    for (const type of REGISTRY_TYPES) {
      expect((en.adminRegistries.types as Record<string, string>)[type]).toBeTruthy();
      expect((zhCN.adminRegistries.types as Record<string, string>)[type]).toBeTruthy();
    }
  });
});
