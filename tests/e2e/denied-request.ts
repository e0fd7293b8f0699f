/**
 * A CRPS request denied by its payer, made through the API for specs that start from a denial
 * (letters, PAS, letter templates): a payer, patient, coverage, ordering physician and request,
 * sent by portal (CASE-4471) and denied yesterday under MP-446.
 */
import type { Page } from '@playwright/test';
import { invoke } from './fixtures';

export const isoDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export async function deniedRequest(page: Page, surname: string) {
  const payer = await invoke(page, 'payers.create', { name: `Cedar Mutual ${surname}` });
  const { id: patientId } = await invoke(page, 'patients.create', {
    firstName: 'Inez',
    lastName: surname,
    dateOfBirth: '1981-04-02',
    sex: 'female',
    phone: '5125550177',
    preferredContact: 'phone',
  });
  await invoke(page, 'intake.addDiagnosis', { patientId, fields: { code: 'G90.512', onsetDate: '2025-01-20' } });
  const coverage = await invoke(page, 'patients.addCoverage', { patientId, fields: { payerId: payer.id, memberId: 'CM-55821', groupNumber: 'G-9', priority: 'primary' } });
  const doctor = await invoke(page, 'staff.create', { name: `Dr. Ada ${surname}, MD`, role: 'anesthesiologist' });
  const auth = await invoke(page, 'authorizations.createRequest', {
    patientId,
    coverageId: coverage.id,
    diagnosisGroup: 'crps',
    requestedSessions: 6,
    requestedStartDate: isoDaysAgo(-10),
    requestedEndDate: isoDaysAgo(-40),
    serviceLines: [{ code: '96365', system: 'CPT', unitsPerSession: 1 }],
    orderingProviderId: doctor.id,
  });
  await invoke(page, 'authorizations.changeStatus', { id: auth.id, to: 'submitted', referenceNumber: 'CASE-4471', patch: { submissionRoute: 'portal' } });
  await invoke(page, 'authorizations.changeStatus', {
    id: auth.id,
    to: 'denied',
    patch: { denialDate: isoDaysAgo(1), denialReason: 'Investigational for chronic pain', denialPolicy: 'MP-446' },
  });
  return { payer, patientId, auth };
}
