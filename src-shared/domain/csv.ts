/**
 * CSV text (RFC 4180) for the lists a person downloads: a header row, then one row per item;
 * a field with a comma, quote or line break is quoted, quotes doubled; lines end in CRLF. Pure.
 * What a person typed goes out unchanged (names, notes): a field is never altered, only quoted.
 */
export type CsvValue = string | number | null | undefined;

export function csvField(v: CsvValue): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
