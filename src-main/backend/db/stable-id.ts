/**
 * Ids that every device computes alike for the same thing: the clinic's one settings row,
 * a default template, the reminder for one session and template. Two devices that create such
 * a row while apart create the same row, and sync merges its fields instead of keeping two.
 * Formatted as an RFC 9562 version-8 (custom) UUID from SHA-256 of the parts.
 */
import { createHash } from 'node:crypto';

export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u001f')).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
