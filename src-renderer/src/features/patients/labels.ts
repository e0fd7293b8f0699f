/** Plain words for the coded values patients and coverages carry. */
import type { Option } from '../../components/Field';
import { ageOn, formatCalendarDate } from '../../../../src-shared/domain/dates';
import { formatPhone } from '../../../../src-shared/domain/contact';

export const SEX_OPTIONS: readonly Option[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Unknown' },
];

export const CONTACT_OPTIONS: readonly Option[] = [
  { value: 'sms', label: 'Text message (SMS)' },
  { value: 'phone', label: 'Phone call' },
  { value: 'email', label: 'E-mail' },
  { value: 'none', label: 'Do not contact' },
];

export const PRIORITY_OPTIONS: readonly Option[] = [
  { value: 'primary', label: 'Primary' },
  { value: 'secondary', label: 'Secondary' },
  { value: 'tertiary', label: 'Tertiary' },
];

/** Who holds the policy, seen from the patient (`child`: the patient is the holder's child). */
export const RELATION_OPTIONS: readonly Option[] = [
  { value: 'self', label: 'The patient' },
  { value: 'spouse', label: 'The patient’s spouse or partner' },
  { value: 'child', label: 'The patient’s parent' },
  { value: 'other', label: 'Someone else' },
];

export function optionLabel(options: readonly Option[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

export function displayName(p: { firstName: string; lastName: string }): string {
  return `${p.lastName}, ${p.firstName}`;
}

/** `04/19/1971 (age 54)` */
export function dobWithAge(dateOfBirth: string, today: string): string {
  const age = ageOn(dateOfBirth, today);
  return `${formatCalendarDate(dateOfBirth)} (age ${age})`;
}

export function phoneText(e164: string | null): string {
  return e164 ? formatPhone(e164) : '';
}

/** Why a record may be the same person, as the duplicate warning says it. */
export const DUPLICATE_REASON_WORDS: Record<'name_dob' | 'phone' | 'mrn', string> = {
  name_dob: 'Same name and date of birth',
  phone: 'Same phone number',
  mrn: 'Same MRN',
};

export function duplicateReasons(reasons: readonly ('name_dob' | 'phone' | 'mrn')[]): string {
  return reasons.map((r) => DUPLICATE_REASON_WORDS[r]).join(' · ');
}
