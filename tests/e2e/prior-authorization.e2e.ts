import type { Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * Prior authorization from the desk's side, end to end in the browser: a CRPS patient with an
 * Aetna coverage, a request created from the chart, the request page read as the payer would see
 * the request, and the steps through the payer's answers to an approval the series books under.
 */

/** A CRPS intake with the evidence an Aetna package needs (diagnosis, Budapest, failed treatments, baseline). */
async function crpsIntake(page: Page, surname: string): Promise<string> {
  const { id: patientId } = await invoke(page, 'patients.create', {
    firstName: 'Renata',
    lastName: surname,
    dateOfBirth: '1979-08-23',
    sex: 'female',
    phone: '5125550188',
    preferredContact: 'phone',
  });
  await invoke(page, 'intake.addDiagnosis', { patientId, fields: { code: 'G90.512', onsetDate: '2025-01-20' } });
  await invoke(page, 'intake.recordBudapest', {
    patientId,
    fields: {
      evaluatedOn: '2025-10-01',
      evaluatorName: 'Dr. Priya Natarajan',
      disproportionatePain: true,
      noBetterDiagnosis: true,
      symptoms: { sensory: ['allodynia'], vasomotor: ['temperature_asymmetry'], sudomotor: ['oedema'] },
      signs: { sensory: ['allodynia_light_touch'], motor_trophic: ['decreased_rom'] },
    },
  });
  await invoke(page, 'intake.addTreatment', {
    patientId,
    fields: { kind: 'physical_therapy', name: 'Physical therapy, graded motor imagery', startDate: '2025-02-10', endDate: '2025-06-30', outcome: 'failed' },
  });
  await invoke(page, 'intake.addTreatment', { patientId, fields: { kind: 'medication', name: 'Gabapentin', startDate: '2025-02-01', endDate: '2025-08-01', outcome: 'failed' } });
  await invoke(page, 'scores.record', { patientId, instrument: 'nrs', value: 8, observedAt: Date.parse('2025-11-20T15:00:00Z') });
  const ref = await invoke(page, 'intake.reference', {});
  const answers = Object.fromEntries(ref.screening.items.map((i) => [i.id, { answer: 'no' as const }]));
  await invoke(page, 'intake.recordScreening', { patientId, screenedOn: '2025-11-20', answers });
  return patientId;
}

test.describe('Prior authorization', () => {
  test('a request made from the chart reads true on its page', async ({ page }) => {
    test.setTimeout(120_000);
    const surname = uniqueSurname('Authreq');
    const payer = await invoke(page, 'payers.create', { name: `Aetna ${surname}` });
    const patientId = await crpsIntake(page, surname);
    await invoke(page, 'patients.addCoverage', { patientId, fields: { payerId: payer.id, memberId: 'W123456789', groupNumber: 'GRP-0042', priority: 'primary' } });
    const doctor = await invoke(page, 'staff.create', { name: `Dr. Ilse ${surname}`, role: 'anesthesiologist' });

    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/patients/${patientId}`);
    const panel = page.getByRole('region', { name: 'Prior authorizations' });
    await panel.getByRole('button', { name: 'New request' }).click();
    const form = page.getByRole('form', { name: 'New authorization request' });
    await form.getByLabel('Coverage').selectOption({ label: `Aetna ${surname} · member W123456789` });
    await form.getByLabel('Diagnosis').selectOption({ label: 'CRPS' });
    await form.getByLabel('Ordering provider').selectOption({ label: doctor.name });
    await form.getByLabel('First day asked for').fill('01/04/2027');
    await form.getByLabel('Last day asked for').fill('01/29/2027');
    await form.getByLabel('Sessions asked for').fill('6');
    await form.getByRole('button', { name: 'Create draft request' }).click();

    await expect(page).toHaveURL(/#\/authorizations\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const header = page.getByRole('heading', { level: 1 });
    await expect(header).toHaveText(`Renata ${surname} · Aetna ${surname}`);
    await expect(page.getByTestId('request-status')).toContainText('Draft');
    await expect(page.getByText('W123456789')).toBeVisible();
    const summary = page.getByRole('region', { name: 'The request' });
    await expect(summary).toContainText('Sessions asked for6');
    await expect(summary).toContainText(`Dr. Ilse ${surname}`);
    await page.screenshot({ path: '/tmp/lead-request-page.png', fullPage: true });
  });
});
