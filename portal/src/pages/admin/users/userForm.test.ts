import { describe, expect, it } from 'vitest';
import { EMPTY_USER, email, userCreation, userProblems, userValid, username } from './userForm';

describe('user names follow core\'s rule [a-zA-Z0-9._-]{1,255}', () => {
  it.each(['admin', 'Alice', 'a', 'first.last', 'dev_1', 'ci-bot', '.x', 'a'.repeat(255)])('accepts %j', (name) => {
    expect(username(name)).toBeNull();
  });
  it.each([
    ['', 'validation.required'],
    ['a'.repeat(256), 'adminUsers.usernameTooLong'],
    ['has space', 'adminUsers.usernameChars'],
    ['robot$ci', 'adminUsers.usernameChars'],
    ['名字', 'adminUsers.usernameChars'],
    ['a@b', 'adminUsers.usernameChars'],
    ['<b>x</b>', 'adminUsers.usernameChars'],
  ])('refuses %j with %s', (name, reason) => {
    expect(username(name)).toBe(reason);
  });
});

describe('emails', () => {
  it('may be left out', () => {
    expect(email('')).toBeNull();
  });
  it('are something@something without spaces, as core checks them', () => {
    expect(email('a@b')).toBeNull();
    expect(email('first.last+tag@example.com')).toBeNull();
    expect(email('ünï@例子.中国')).toBeNull();
    expect(email('no-at')).toBe('adminUsers.emailInvalid');
    expect(email('a@b@c')).toBe('adminUsers.emailInvalid');
    expect(email('@b')).toBe('adminUsers.emailInvalid');
    expect(email('a@')).toBe('adminUsers.emailInvalid');
    expect(email(' a@b')).toBe('adminUsers.emailInvalid');
    expect(email('a b@c')).toBe('adminUsers.emailInvalid');
  });
});

describe('the new-user form', () => {
  const good = { ...EMPTY_USER, username: 'alice', password: 'Passw0rdA', confirm: 'Passw0rdA' };

  it('shows no problem on fields not typed in yet, and is not valid then', () => {
    expect(userProblems(EMPTY_USER)).toEqual({ username: null, email: null, password: null, confirm: null });
    expect(userValid(EMPTY_USER)).toBe(false);
  });
  it('is valid with a name and a good password twice; email and names are optional', () => {
    expect(userValid(good)).toBe(true);
  });
  it('says what is wrong as the user types', () => {
    const v = { ...good, username: 'a b', email: 'x', password: 'short', confirm: 'other' };
    expect(userProblems(v)).toEqual({
      username: 'adminUsers.usernameChars',
      email: 'adminUsers.emailInvalid',
      password: 'validation.passwordRule',
      confirm: 'validation.passwordMismatch',
    });
    expect(userValid(v)).toBe(false);
    expect(userValid({ ...good, confirm: 'Passw0rdB' })).toBe(false);
    expect(userValid({ ...good, email: 'bad' })).toBe(false);
  });
  it('sends the fields given, names trimmed, empty ones left out', () => {
    expect(userCreation(good)).toEqual({ username: 'alice', password: 'Passw0rdA' });
    expect(userCreation({ ...good, email: 'a@b.c', realname: ' Alice Doe ', comment: ' ops ' })).toEqual({
      username: 'alice',
      password: 'Passw0rdA',
      email: 'a@b.c',
      realname: 'Alice Doe',
      comment: 'ops',
    });
    expect(userCreation({ ...good, realname: '   ' })).not.toHaveProperty('realname');
  });
});
