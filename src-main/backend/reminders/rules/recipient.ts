/**
 * Who a reminder goes to, and by what: the template's channel against the patient's contact
 * details and preferred contact method. Pure.
 */
import type { TemplateChannel } from '../../../../src-shared/api/schemas/reminders';

export interface PatientContact {
  phone: string | null;
  email: string | null;
  /** sms | phone | email | none, from the patient's details. */
  preferredContact: string;
}

export type Recipient =
  | { ok: true; channel: 'sms' | 'email'; recipient: string }
  /** Not sendable yet: a person must act (add a number, or call the patient). */
  | { ok: false; status: 'held'; channel: 'sms' | 'email' | 'phone'; recipient: string | null; reason: string }
  /** Not to be sent at all. */
  | { ok: false; status: 'skipped'; channel: 'sms' | 'email' | 'phone'; recipient: string | null; reason: string };

const NO_PHONE = 'No phone number on file for a text message: add one to the patient’s details and it will be queued.';
const NO_EMAIL = 'No e-mail address on file: add one to the patient’s details and it will be queued.';

export function resolveRecipient(channel: TemplateChannel, patient: PatientContact): Recipient {
  // A patient who asked not to be contacted is not messaged by any template.
  if (patient.preferredContact === 'none') {
    return { ok: false, status: 'skipped', channel: channel === 'email' ? 'email' : 'sms', recipient: null, reason: 'The patient asked not to be contacted.' };
  }
  const wanted = channel === 'preferred' ? patient.preferredContact : channel;
  if (wanted === 'email') {
    return patient.email
      ? { ok: true, channel: 'email', recipient: patient.email }
      : { ok: false, status: 'held', channel: 'email', recipient: null, reason: NO_EMAIL };
  }
  if (wanted === 'phone') {
    // Prefers a call: the outbox becomes the front desk's call list, with the message as the script.
    return patient.phone
      ? { ok: false, status: 'held', channel: 'phone', recipient: patient.phone, reason: 'The patient prefers a phone call: call with this message, then mark it sent.' }
      : { ok: false, status: 'held', channel: 'phone', recipient: null, reason: 'The patient prefers a phone call but has no phone number on file.' };
  }
  return patient.phone
    ? { ok: true, channel: 'sms', recipient: patient.phone }
    : { ok: false, status: 'held', channel: 'sms', recipient: null, reason: NO_PHONE };
}
