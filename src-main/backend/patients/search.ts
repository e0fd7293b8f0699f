/**
 * Patient search SQL. Every branch is an index range (see the indexes in schema.ts), so a
 * keystroke costs a few milliseconds on 50,000 patients. `buildPatientSearch` is exported
 * so the benchmark can run the very same statement raw, beside the API.
 */
import type { PatientQuery } from './search-query';

// Above every character a name can contain: `x >= 'smi' AND x < 'smi' || HIGH` is a prefix
// range that an index answers, where LIKE 'smi%' would not use the expression index.
const HIGH = '\uffff';

export interface SearchSql {
  sql: string;
  params: (string | number)[];
}

export const SEARCH_COLUMNS =
  'id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, sex, phone, mrn';

export function buildPatientSearch(q: PatientQuery, limit: number): SearchSql {
  const where: string[] = ['deleted_at IS NULL'];
  const params: (string | number)[] = [];
  if (q.dateOfBirth) {
    where.push('date_of_birth = ?');
    params.push(q.dateOfBirth);
  }
  if (q.digits) {
    const d = q.digits;
    const mrn = '(mrn >= ? AND mrn < ?)';
    params.push(d, d + HIGH);
    if (/^\d+$/.test(d) && d.length >= 10) {
      // Full number, with or without the country code.
      where.push(`(${mrn} OR phone = ? OR phone = ?)`);
      params.push(`+${d}`, `+1${d}`);
    } else if (/^\d{7}$/.test(d)) {
      where.push(`(${mrn} OR substr(phone, -7) = ?)`);
      params.push(d);
    } else if (/^\d{4}$/.test(d)) {
      where.push(`(${mrn} OR substr(phone, -4) = ?)`);
      params.push(d);
    } else {
      where.push(mrn);
    }
  }
  for (const name of q.names) {
    where.push('((last_name_key >= ? AND last_name_key < ?) OR (first_name_key >= ? AND first_name_key < ?))');
    params.push(name, name + HIGH, name, name + HIGH);
  }
  params.push(limit + 1);
  return {
    sql: `SELECT ${SEARCH_COLUMNS} FROM patients WHERE ${where.join(' AND ')}
          ORDER BY last_name_key, first_name_key, date_of_birth LIMIT ?`,
    params,
  };
}
