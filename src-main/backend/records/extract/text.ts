/** Plain text: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else Windows-1252. */
import type { ExtractLimits } from '../rules/failures';
import type { ExtractOutcome } from './protocol';

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function extractText(bytes: Buffer, limits: ExtractLimits): ExtractOutcome {
  const pages = decodeText(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .split('\f')
    .map((t) => ({ text: t.trim(), method: 'text' as const }));
  const kept = pages.slice(0, limits.maxPages);
  return { ok: true, pages: kept, pagesTotal: pages.length, ocrSkipped: 0 };
}
