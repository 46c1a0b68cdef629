/**
 * Form rules, the same ones the API enforces (core-service's ProjectService, RobotService,
 * PasswordPolicy, common's Tag), so that a form says what is wrong while the user types. Each check
 * returns null when the value is fine, else the i18n key of the reason.
 */

/** Lower-case letters and digits, separated by single '.', '_' or '-' (project and robot names). */
const NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

export const PROJECT_NAME_MAX = 255;
export const ROBOT_NAME_MAX = 100;
/** Days; the API takes any positive number, a century is the form's limit. */
export const EXPIRY_DAYS_MAX = 36500;

export type Problem = string | null;

export function projectName(name: string): Problem {
  if (name === '') {
    return 'validation.required';
  }
  if (name.length > PROJECT_NAME_MAX) {
    return 'validation.projectNameTooLong';
  }
  if (!NAME.test(name)) {
    return /[A-Z]/.test(name) ? 'validation.nameLowerCase' : 'validation.nameChars';
  }
  return null;
}

export function robotName(name: string): Problem {
  if (name === '') {
    return 'validation.required';
  }
  if (name.length > ROBOT_NAME_MAX) {
    return 'validation.robotNameTooLong';
  }
  if (!NAME.test(name)) {
    return /[A-Z]/.test(name) ? 'validation.nameLowerCase' : 'validation.nameChars';
  }
  return null;
}

/** A robot's expiry: "never", or a whole number of days from 1 to EXPIRY_DAYS_MAX. */
export function expiryDays(never: boolean, days: string): Problem {
  if (never) {
    return null;
  }
  const text = days.trim();
  if (text === '') {
    return 'validation.required';
  }
  if (!/^\d+$/.test(text)) {
    return 'validation.expiryWholeDays';
  }
  const n = Number(text);
  if (n < 1 || n > EXPIRY_DAYS_MAX) {
    return 'validation.expiryRange';
  }
  return null;
}

/** The robot API's duration: days, or -1 for never. Call only when expiryDays found no problem. */
export function durationOf(never: boolean, days: string): number {
  return never ? -1 : Number(days.trim());
}

export function tagName(tag: string): Problem {
  if (tag === '') {
    return 'validation.required';
  }
  return TAG.test(tag) ? null : 'validation.tagChars';
}

/**
 * Harbor's password rule: 8 to 128 characters with an upper-case letter, a lower-case letter and a digit.
 * As core's PasswordPolicy reads it: characters are UTF-16 units, and letters and digits are Unicode ones
 * (Java's Character.isUpperCase, isLowerCase, isDigit), so 'É' is an upper-case letter and '٣' a digit.
 */
export function password(value: string): Problem {
  if (value === '') {
    return 'validation.required';
  }
  const units = value.split('');
  const has = (kind: RegExp) => units.some((unit) => kind.test(unit));
  if (value.length < 8 || value.length > 128 || !has(/\p{Uppercase}/u) || !has(/\p{Lowercase}/u) || !has(/\p{Nd}/u)) {
    return 'validation.passwordRule';
  }
  return null;
}

export function confirmation(value: string, confirm: string): Problem {
  return value === confirm ? null : 'validation.passwordMismatch';
}

export function required(value: string): Problem {
  return value.trim() === '' ? 'validation.required' : null;
}
