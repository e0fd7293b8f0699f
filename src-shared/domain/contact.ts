/**
 * Phone numbers and e-mail addresses as the front desk types them. Phone numbers are stored
 * as E.164 (`+15551234567`) so reminders can be sent and searches match however the number
 * was typed; North American numbers may be typed without the country code.
 */

export function normalizePhone(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    // E.164: country code plus subscriber number, 8 to 15 digits in all.
    return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? `+${digits}` : null;
  }
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  // NANP: area code and exchange cannot start with 0 or 1.
  if (national.length !== 10 || /^[01]/.test(national) || /^[01]/.test(national.slice(3))) return null;
  return `+1${national}`;
}

/** `+15551234567` → `(555) 123-4567`; other countries keep E.164. */
export function formatPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

// Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is checked by
// sending, not by a regular expression.
// No spaces and no control characters anywhere (a NUL pasted into an address reached reminders).
const EMAIL_RE = /^[^\s@\p{Cc}]+@[^\s@.\p{Cc}]+(\.[^\s@.\p{Cc}]+)+$/u;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL_RE.test(text);
}
