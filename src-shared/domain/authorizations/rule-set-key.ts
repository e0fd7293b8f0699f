/**
 * Which payer rule set a payer's requests are checked against when nobody has chosen one
 * (payers.rule_set_key empty): guessed from the payer's name, so a seeded or newly typed
 * "Blue Cross and Blue Shield of Illinois" starts on the BCBS template and not on "other".
 * Settings → Payers shows the guess and lets the clinic choose another. Pure.
 */
const BY_NAME: readonly (readonly [RegExp, string])[] = [
  [/\baetna\b/i, 'aetna'],
  [/\bcigna\b/i, 'cigna'],
  [/\bunited\s*health|\buhc\b|\boptum\b/i, 'uhc'],
  [/\bblue\s*cross|\bblue\s*shield|\bbcbs\b|\banthem\b|\bflorida blue\b|\bwellmark\b|\bhighmark\b/i, 'bcbs'],
  [/\bmedicaid\b|\bchip\b|\bmedi-cal\b|\(hfs\)/i, 'medicaid'],
  [/\bmedicare\b/i, 'medicare'],
];

export function guessRuleSetKey(payerName: string): string | null {
  for (const [re, key] of BY_NAME) if (re.test(payerName)) return key;
  return null;
}
