/**
 * National Provider Identifier: 10 digits, the last a check digit (Luhn over the prefix 80840
 * followed by the first 9 digits; CMS "NPI check digit" standard). A typing slip in an NPI
 * sends a prior authorization request back from the payer, so Settings → Staff refuses one
 * whose check digit does not match, in words. Pure.
 */

/** Spaces and dashes people type between groups of digits ("1234-567-893") are dropped. */
export function normalizeNpi(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** The check digit the first 9 digits call for. */
export function npiCheckDigit(first9: string): number {
  const digits = `80840${first9}`.split('').map(Number);
  let sum = 0;
  // From the right, every other digit doubled, starting with the last of the nine (the check digit follows it).
  digits.reverse().forEach((d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  });
  return (10 - (sum % 10)) % 10;
}

/** What is wrong with a typed NPI, in words, or null when it is a valid NPI. */
export function npiProblem(typed: string): string | null {
  const npi = normalizeNpi(typed);
  if (!/^\d+$/.test(npi)) return 'An NPI has only digits (10 of them).';
  if (npi.length !== 10) return `An NPI has 10 digits; this one has ${npi.length}.`;
  if (npi[0] !== '1' && npi[0] !== '2') return 'An NPI starts with 1 (a person) or 2 (an organization). Check it on NPPES.';
  const expected = npiCheckDigit(npi.slice(0, 9));
  if (expected !== Number(npi[9])) {
    return 'This NPI’s check digit (the last one) does not match: it is probably mistyped. Check it on NPPES.';
  }
  return null;
}

export function isValidNpi(typed: string): boolean {
  return npiProblem(typed) === null;
}
