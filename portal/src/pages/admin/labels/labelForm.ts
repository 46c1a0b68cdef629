import type { LabelChange, LabelData } from '../../../api/labels';
import { DEFAULT_LABEL_COLOR } from '../../../components/labelColors';
import type { Problem } from '../../../lib/validation';

/** The label form: core trims the name and takes 1 to 128 characters; description and colour are free. */
export const LABEL_NAME_MAX = 128;

export interface LabelFormValues {
  name: string;
  description: string;
  color: string;
}

export const NEW_LABEL: LabelFormValues = { name: '', description: '', color: DEFAULT_LABEL_COLOR };

export function labelFormOf(label: LabelData): LabelFormValues {
  return { name: label.name, description: label.description ?? '', color: label.color ?? '' };
}

export function labelName(value: string): Problem {
  const name = value.trim();
  if (name === '') {
    return 'validation.required';
  }
  return name.length > LABEL_NAME_MAX ? 'adminLabels.nameTooLong' : null;
}

/** The problem to show: none while the name is still empty. */
export function labelNameProblem(v: LabelFormValues): Problem {
  return v.name === '' ? null : labelName(v.name);
}

export function labelValid(v: LabelFormValues): boolean {
  return labelName(v.name) === null;
}

export function labelChange(v: LabelFormValues): LabelChange {
  return { name: v.name.trim(), description: v.description.trim(), color: v.color };
}
