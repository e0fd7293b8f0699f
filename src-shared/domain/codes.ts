/**
 * Billing code formats: ICD-10-CM diagnoses and CPT / HCPCS Level II procedures. Only the
 * shape is checked here (a payer may authorize a code outside the app's ICD-10 subset); the
 * intake's diagnoses are further checked against that subset.
 */

/** `g90.512`, `G90512`, ` G90.512 ` → `G90.512`: people type codes without the dot, in any case. */
export function normalizeIcd10Code(text: string): string {
  const c = text.trim().toUpperCase().replace(/\s+/g, '');
  return /^[A-Z]\d{2}[0-9A-Z]{1,4}$/.test(c) ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/**
 * ICD-10-CM: a letter, a digit, a digit or letter (the category), then optionally a dot and one
 * to four more characters. U is reserved for special codes (U07.1), so it is allowed too.
 */
const ICD10_CM = /^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/;
export function isIcd10CmCode(code: string): boolean {
  return ICD10_CM.test(code);
}

/** `96365 `, ` j3490` → `96365`, `J3490`. */
export function normalizeProcedureCode(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, '');
}

/**
 * CPT: five digits (Category I), or four digits and F (Category II), T (Category III) or U
 * (proprietary laboratory analyses). HCPCS Level II: a letter A–V and four digits (J3490).
 */
const CPT_OR_HCPCS = /^(\d{4}[0-9FTU]|[A-V]\d{4})$/;
export function isProcedureCode(code: string): boolean {
  return CPT_OR_HCPCS.test(code);
}
