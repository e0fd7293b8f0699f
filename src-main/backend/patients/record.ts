import type { PatientFields } from '../../../src-shared/api/schemas/patients';
import { foldName } from '../../../src-shared/domain/names';

/**
 * The stored row for a patient's fields: the fields as validated, the MRN, and the folded
 * name keys that search uses. Every writer of patients (the service, the seed) builds rows
 * here so the keys can never be missing or stale.
 */
export function patientRecord(fields: PatientFields, mrn: string) {
  return {
    ...fields,
    mrn,
    firstNameKey: foldName(fields.firstName),
    lastNameKey: foldName(fields.lastName),
  };
}
