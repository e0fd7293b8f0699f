import type { Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * Readiness on the request page and the waiting list on the workspace: a CRPS chart without a
 * sympathetic block reads "Not ready" with the block named and a link to where it is fixed; the
 * plain "Mark ready to send" step is refused naming it; "Mark ready anyway…" takes a reason and
 * the request becomes ready, the reason in its history; the patient is on the waiting list.
 */
async function crpsChartWithoutBlock(page: Page, surname: string): Promise<string> {
  const { id: patientId } = await invoke(page, 'patients.create', {
    firstName: 'Rosa',
    lastName: surname,
    dateOfBirth: '1981-05-14',
    sex: 'female',
    phone: '5125550123',
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
  return patientId;
}

test('readiness names what is missing, the ready step waits for it or a reason, and the waiting list shows the patient', async ({ page }) => {
  test.setTimeout(150_000);
  const surname = uniqueSurname('Ready');
  const payer = await invoke(page, 'payers.create', { name: `Aetna ${surname}` });
  const patientId = await crpsChartWithoutBlock(page, surname);
  const coverage = await invoke(page, 'patients.addCoverage', { patientId, fields: { payerId: payer.id, memberId: 'W555000111', priority: 'primary' } });
  const doctor = await invoke(page, 'staff.create', { name: `Dr. Ode ${surname}`, role: 'anesthesiologist' });
  const req = await invoke(page, 'authorizations.createRequest', {
    patientId,
    coverageId: coverage.id,
    diagnosisGroup: 'crps',
    orderingProviderId: doctor.id,
    requestedSessions: 6,
    requestedStartDate: '2027-02-01',
    requestedEndDate: '2027-02-26',
    serviceLines: [{ code: '96365', system: 'CPT', unitsPerSession: 1 }],
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page, `/authorizations/${req.id}`);
  const section = page.getByRole('region', { name: 'Readiness' });
  await expect(section.getByTestId('readiness-verdict')).toContainText('Not ready', { timeout: 15_000 });
  await expect(section).toContainText('Template — confirm with the payer');
  await expect(section).toContainText('Aetna CPB 0447');
  const block = section.getByRole('listitem').filter({ hasText: 'Failed sympathetic block' });
  await expect(block).toContainText('Missing:');
  await expect(block).toContainText('No failed nerve block');
  await expect(block.getByRole('link', { name: 'Fix in Intake → Prior treatments' })).toHaveAttribute('href', `#/patients/${patientId}`);
  await expect(section.getByRole('listitem').filter({ hasText: 'Budapest criteria met' })).toContainText('Met:');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/r-readiness.png', fullPage: true });

  // The plain step is refused, naming the block; nothing changes.
  await page.getByRole('group', { name: 'Next steps' }).getByRole('button', { name: 'Mark ready to send' }).click();
  await page.locator('form.step-form').getByRole('button', { name: 'Mark ready to send' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not ready to send' })).toContainText('failed sympathetic block not recorded');
  await expect(page.getByTestId('request-status')).toContainText('Draft');
  await page.locator('form.step-form').getByRole('button', { name: 'Cancel' }).click();

  // Anyway, with a reason: an empty reason is refused beside the field.
  await section.getByRole('button', { name: 'Mark ready anyway…' }).click();
  await section.getByRole('button', { name: 'Mark ready with this reason' }).click();
  await expect(section.getByText('Enter why the request can go without the missing items.')).toBeVisible();
  await section.getByLabel('Why it can go without the missing items').fill('Block report faxed by Dr. Ode with the package');
  await section.getByRole('button', { name: 'Mark ready with this reason' }).click();
  await expect(page.getByTestId('request-status')).toContainText('Ready', { timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Reason: Block report faxed by Dr. Ode with the package');

  // The fix link opens the chart at the prior treatments, the cursor in its form.
  await section.getByRole('listitem').filter({ hasText: 'Failed sympathetic block' }).getByRole('link', { name: 'Fix in Intake → Prior treatments' }).click();
  await expect(page).toHaveURL(new RegExp(`#/patients/${patientId}$`));
  const treatments = page.locator('#intake-treatments');
  await expect(treatments).toBeInViewport({ timeout: 15_000 });
  await expect(treatments.locator(':focus')).toHaveCount(1);

  // The workspace's waiting list: the patient, ready to send.
  await openApp(page, '/authorizations');
  const list = page.getByTestId('waiting-list');
  await list.getByRole('button', { name: /^Ready to send \(\d+\)$/ }).click();
  const row = list.getByRole('row').filter({ hasText: `Rosa ${surname}` });
  await expect(row).toContainText(`Not sent yet: send it to Aetna ${surname}, then mark it sent`);
  await expect(row.getByRole('link', { name: 'Open the request' })).toHaveAttribute('href', `#/authorizations/${req.id}`);
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/r-waiting.png', fullPage: true });
});
