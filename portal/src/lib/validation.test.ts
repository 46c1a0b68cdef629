import { describe, expect, it } from 'vitest';
import { confirmation, durationOf, expiryDays, password, projectName, robotName, tagName } from './validation';

describe('project names follow the API rule [a-z0-9]+([._-][a-z0-9]+)*, at most 255', () => {
  it.each(['library', 'a', 'team-a', 'team_a.b', 'v1.2-rc_3', '0'])('accepts %s', (name) => {
    expect(projectName(name)).toBeNull();
  });
  it.each([
    ['', 'validation.required'],
    ['Library', 'validation.nameLowerCase'],
    ['-lead', 'validation.nameChars'],
    ['trail-', 'validation.nameChars'],
    ['double--dash', 'validation.nameChars'],
    ['a..b', 'validation.nameChars'],
    ['has space', 'validation.nameChars'],
    ['slash/name', 'validation.nameChars'],
    ['<script>', 'validation.nameChars'],
    ['a'.repeat(256), 'validation.projectNameTooLong'],
  ])('refuses %j with %s', (name, reason) => {
    expect(projectName(name)).toBe(reason);
  });
  it('accepts exactly 255 characters', () => {
    expect(projectName('a'.repeat(255))).toBeNull();
  });
});

describe('robot names', () => {
  it('take the project name rule, at most 100 characters', () => {
    expect(robotName('ci-pusher')).toBeNull();
    expect(robotName('a'.repeat(100))).toBeNull();
    expect(robotName('a'.repeat(101))).toBe('validation.robotNameTooLong');
    expect(robotName('CI')).toBe('validation.nameLowerCase');
    expect(robotName('robot$x')).toBe('validation.nameChars');
    expect(robotName('')).toBe('validation.required');
  });
});

describe('robot expiry', () => {
  it('never expires, whatever the days field holds', () => {
    expect(expiryDays(true, '')).toBeNull();
    expect(expiryDays(true, 'abc')).toBeNull();
    expect(durationOf(true, '30')).toBe(-1);
  });
  it('takes a whole number of days from 1 to 36500', () => {
    expect(expiryDays(false, '1')).toBeNull();
    expect(expiryDays(false, ' 30 ')).toBeNull();
    expect(durationOf(false, ' 30 ')).toBe(30);
    expect(expiryDays(false, '36500')).toBeNull();
  });
  it.each([
    ['', 'validation.required'],
    ['0', 'validation.expiryRange'],
    ['36501', 'validation.expiryRange'],
    ['-1', 'validation.expiryWholeDays'],
    ['1.5', 'validation.expiryWholeDays'],
    ['1e3', 'validation.expiryWholeDays'],
    ['ten', 'validation.expiryWholeDays'],
  ])('refuses %j', (days, reason) => {
    expect(expiryDays(false, days)).toBe(reason);
  });
});

describe('tags follow the OCI tag grammar', () => {
  it('accepts and refuses', () => {
    expect(tagName('v1.0.0')).toBeNull();
    expect(tagName('_x')).toBeNull();
    expect(tagName('A'.repeat(128))).toBeNull();
    expect(tagName('A'.repeat(129))).toBe('validation.tagChars');
    expect(tagName('.hidden')).toBe('validation.tagChars');
    expect(tagName('-x')).toBe('validation.tagChars');
    expect(tagName('a:b')).toBe('validation.tagChars');
    expect(tagName('')).toBe('validation.required');
  });
});

describe('passwords follow Harbor\'s rule', () => {
  it('needs 8 to 128 characters with upper, lower and digit', () => {
    expect(password('Passw0rdP')).toBeNull();
    expect(password('Pa0aaaa')).toBe('validation.passwordRule');
    expect(password('password0')).toBe('validation.passwordRule');
    expect(password('PASSWORD0')).toBe('validation.passwordRule');
    expect(password('Passwordd')).toBe('validation.passwordRule');
    expect(password('Pa0' + 'a'.repeat(126))).toBe('validation.passwordRule');
    expect(confirmation('Passw0rdP', 'Passw0rdQ')).toBe('validation.passwordMismatch');
    expect(confirmation('Passw0rdP', 'Passw0rdP')).toBeNull();
  });
});

describe('passwords read letters and digits as core does (Java\'s Character, over UTF-16 units)', () => {
  it('takes Unicode upper- and lower-case letters and digits', () => {
    expect(password('ÉCOLEß12')).toBeNull();
    expect(password('Пароль12')).toBeNull();
    expect(password('Abcdefg٣')).toBeNull();
    expect(password('ÉCOLE123')).toBe('validation.passwordRule');
  });
  it('counts UTF-16 units, and a letter outside the BMP is no letter to core', () => {
    expect(password('Ab1' + '😀'.repeat(2))).toBe('validation.passwordRule');
    expect(password('Ab1' + '😀'.repeat(3))).toBeNull();
    expect(password('Ab1' + '😀'.repeat(62))).toBeNull();
    expect(password('Ab1' + '😀'.repeat(63))).toBe('validation.passwordRule');
    expect(password('ab12345' + '\u{1D400}')).toBe('validation.passwordRule');
    expect(password('Ab12345' + '\u{1D400}')).toBeNull();
  });
});
