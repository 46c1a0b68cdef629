import { describe, expect, it } from 'vitest';
import { NEW_LABEL, labelChange, labelFormOf, labelName, labelNameProblem, labelValid } from './labelForm';

describe('label names', () => {
  it('are 1 to 128 characters once trimmed, any characters', () => {
    expect(labelName('release')).toBeNull();
    expect(labelName('  环境: 生产  ')).toBeNull();
    expect(labelName('<b>x</b>')).toBeNull();
    expect(labelName('a'.repeat(128))).toBeNull();
    expect(labelName(` ${'a'.repeat(128)} `)).toBeNull();
    expect(labelName('a'.repeat(129))).toBe('adminLabels.nameTooLong');
    expect(labelName('')).toBe('validation.required');
    expect(labelName('   ')).toBe('validation.required');
  });
});

describe('the label form', () => {
  it('starts with a palette colour, no problem shown, not valid', () => {
    expect(NEW_LABEL.color).toMatch(/^#[0-9A-F]{6}$/);
    expect(labelNameProblem(NEW_LABEL)).toBeNull();
    expect(labelValid(NEW_LABEL)).toBe(false);
    expect(labelNameProblem({ ...NEW_LABEL, name: ' ' })).toBe('validation.required');
  });
  it('takes a stored label, and sends name and description trimmed with the colour', () => {
    const values = labelFormOf({ id: 3, name: 'prod', scope: 'g', project_id: 0, color: '#C92100' });
    expect(values).toEqual({ name: 'prod', description: '', color: '#C92100' });
    expect(labelValid(values)).toBe(true);
    expect(labelChange({ name: ' prod ', description: ' live ', color: '#C92100' })).toEqual({ name: 'prod', description: 'live', color: '#C92100' });
    expect(labelFormOf({ id: 3, name: 'x', scope: 'g', project_id: 0 }).color).toBe('');
  });
});
