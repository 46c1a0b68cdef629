import type { UserCreation } from '../../../api/users';
import { confirmation, password, type Problem } from '../../../lib/validation';

/**
 * The new-user form's rules, as core's UserService enforces them: a user name of 1 to 255 letters,
 * digits, '.', '_' or '-'; an email that may be left out, else something@something without spaces;
 * the password rule of every form.
 */
const USERNAME = /^[a-zA-Z0-9._-]{1,255}$/;
/** Java's \s is these six; JavaScript's would take other spaces too. */
const EMAIL = /^[^@ \t\n\x0B\f\r]+@[^@ \t\n\x0B\f\r]+$/;

export interface UserFormValues {
  username: string;
  email: string;
  realname: string;
  password: string;
  confirm: string;
  comment: string;
}

export const EMPTY_USER: UserFormValues = { username: '', email: '', realname: '', password: '', confirm: '', comment: '' };

export function username(value: string): Problem {
  if (value === '') {
    return 'validation.required';
  }
  if (value.length > 255) {
    return 'adminUsers.usernameTooLong';
  }
  return USERNAME.test(value) ? null : 'adminUsers.usernameChars';
}

export function email(value: string): Problem {
  return value === '' || EMAIL.test(value) ? null : 'adminUsers.emailInvalid';
}

export type UserFormProblems = Record<'username' | 'email' | 'password' | 'confirm', Problem>;

/** Every field's problem; a field still empty shows none (but the form is not valid). */
export function userProblems(v: UserFormValues): UserFormProblems {
  return {
    username: v.username === '' ? null : username(v.username),
    email: email(v.email),
    password: v.password === '' ? null : password(v.password),
    confirm: v.confirm === '' ? null : confirmation(v.password, v.confirm),
  };
}

export function userValid(v: UserFormValues): boolean {
  return username(v.username) === null && email(v.email) === null && password(v.password) === null && confirmation(v.password, v.confirm) === null;
}

/** POST /users's body: the fields as typed (a user name is not trimmed by core), empty ones left out. */
export function userCreation(v: UserFormValues): UserCreation {
  const body: UserCreation = { username: v.username, password: v.password };
  if (v.email !== '') {
    body.email = v.email;
  }
  if (v.realname.trim() !== '') {
    body.realname = v.realname.trim();
  }
  if (v.comment.trim() !== '') {
    body.comment = v.comment.trim();
  }
  return body;
}
