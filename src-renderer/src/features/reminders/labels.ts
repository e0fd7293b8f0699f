/** Words for reminder statuses and channels, and the template preview with sample values. */
import { PLACEHOLDERS, parseTemplate, type OutboxStatus, type TemplateChannel } from '../../../../src-shared/api/schemas/reminders';
import { formatPhone } from '../../../../src-shared/domain/contact';

export const STATUS_LABELS: Record<OutboxStatus, string> = {
  to_send: 'To send',
  held: 'Needs a person',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Not sent',
  cancelled: 'Cancelled',
};

export const STATUS_BADGE: Record<OutboxStatus, string> = {
  to_send: 'badge-info',
  held: 'badge-warning',
  sent: 'badge-success',
  failed: 'badge-danger',
  skipped: 'badge-neutral',
  cancelled: 'badge-neutral',
};

export const TEMPLATE_CHANNEL_LABELS: Record<TemplateChannel, string> = {
  preferred: 'The patient’s preferred way',
  sms: 'Text message',
  email: 'E-mail',
};

/** "Text to (312) 555-0147", "E-mail to ana@example.com", "Call (312) 555-0147". */
export function deliveryText(channel: 'sms' | 'email' | 'phone', recipient: string | null): string {
  const who = recipient ? (channel === 'email' ? recipient : formatPhone(recipient)) : null;
  if (channel === 'phone') return who ? `Call ${who}` : 'Call (no number on file)';
  if (channel === 'email') return who ? `E-mail to ${who}` : 'E-mail (no address on file)';
  return who ? `Text to ${who}` : 'Text (no number on file)';
}

const SAMPLE: Record<string, string> = Object.fromEntries(PLACEHOLDERS.map((p) => [p.key, p.example]));

/** The template filled with sample values, and the first problem in it (for as-you-type help). */
export function previewTemplate(text: string, actual: Partial<Record<string, string | null>> = {}): { text: string; problem: string | null } {
  const { parts, problems } = parseTemplate(text);
  const out = parts.map((p) => ('text' in p ? p.text : (actual[p.placeholder] ?? SAMPLE[p.placeholder] ?? `{${p.placeholder}}`))).join('');
  return { text: out, problem: problems[0] ?? null };
}

// GSM 03.38: the characters a text message carries at 160 per part (the extension ones
// count twice). One character outside it (a curly quote, an emoji) makes the whole message
// UCS-2, at 70 per part.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€');

export interface SmsSize {
  characters: number;
  parts: number;
  /** The first character that forces the shorter UCS-2 parts, if any. */
  unicodeChar: string | null;
}

export function smsSize(text: string): SmsSize {
  let units = 0;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) units += 1;
    else if (GSM_EXTENDED.has(ch)) units += 2;
    else {
      const chars = text.length;
      return { characters: chars, parts: chars <= 70 ? 1 : Math.ceil(chars / 67), unicodeChar: ch };
    }
  }
  return { characters: units, parts: units <= 160 ? 1 : Math.ceil(units / 153), unicodeChar: null };
}
