/**
 * "Grace Okafor, MD" → "Dr. Grace Okafor"; a name that already starts with "Dr." or has no
 * doctor's degree after it is used as stored.
 */
export function providerLabel(name: string): string {
  const trimmed = name.trim();
  if (/^dr\.?\s/i.test(trimmed)) return trimmed;
  const m = /^(.*?),\s*(MD|DO|M\.D\.|D\.O\.)$/i.exec(trimmed);
  return m ? `Dr. ${m[1]!.trim()}` : trimmed;
}
