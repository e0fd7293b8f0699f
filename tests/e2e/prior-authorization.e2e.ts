import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';
import { inThePast } from './past-clinic';

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

const DAY = 86_400_000;
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const mmddyyyy = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

/** The rest of what an Aetna CRPS request needs: a failed sympathetic block and a baseline PEG. */
async function completeEvidence(page: Page, patientId: string): Promise<void> {
  await invoke(page, 'intake.addTreatment', {
    patientId,
    fields: { kind: 'nerve_block', name: 'Stellate ganglion sympathetic block', startDate: '2025-07-15', endDate: '2025-07-15', outcome: 'failed' },
  });
  await invoke(page, 'scores.record', { patientId, instrument: 'peg', items: [8, 7, 7], observedAt: Date.parse('2025-11-20T15:05:00Z') });
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

  test('a CRPS patient from intake to ready, package, sent, denied, peer-to-peer, appeal, approved, and the series books', async ({ page }) => {
    test.setTimeout(240_000);
    const settings = await invoke(page, 'settings.get', {});
    const zone = settings.timeZone;
    const dateOf = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(t);
    const today = dateOf(Date.now());
    const inDays = (n: number) => dateOf(Date.parse(`${today}T12:00:00Z`) + n * DAY);
    const tag = uniqueSurname('');
    const surname = uniqueSurname('Fullpa');
    const payer = await invoke(page, 'payers.create', { name: `Aetna ${surname}` });
    const patientId = await crpsIntake(page, surname);
    await completeEvidence(page, patientId);
    await invoke(page, 'patients.addCoverage', { patientId, fields: { payerId: payer.id, memberId: 'W987654321', groupNumber: 'GRP-0077', priority: 'primary' } });
    // The ordering physician, with an NPI whose check digit is right (CMS's example number).
    const doctor = await invoke(page, 'staff.create', { name: `Dr. Ilse ${surname}, MD`, role: 'anesthesiologist', npi: '1234567893' } as never);
    // Where the series will run: a suite and a nurse around the clock.
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' }));
    const suite = await invoke(page, 'suites.create', { name: `Suite PA ${tag}`, openingHours: allDay } as never);
    const rn = await invoke(page, 'staff.create', { name: `Nurse PA ${tag}, RN`, role: 'rn' });
    await invoke(page, 'shifts.setWeekly', { staffId: rn.id, shifts: allDay.map((h) => ({ weekday: h.day, startTime: '00:00', endTime: '23:59', maxConcurrent: 4 })) });

    // The first consultation was booked three days ago for that morning (the clinic's clock then).
    const threeDaysAgo = Date.parse(`${inDays(-3)}T00:00:00Z`) - 12 * 3_600_000;
    await inThePast(threeDaysAgo, async (c) => {
      await c.call('availability.setWeekly', { staffId: doctor.id, hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '00:00', endTime: '23:59' })) });
      const free = await c.call('consultations.freeSlots', { patientId, staffId: doctor.id, limit: 1 } as never);
      await c.call('consultations.book', { patientId, staffId: doctor.id, startsAt: free.slots[0]!.startsAt } as never);
    });

    // --- On the chart: the consultation was held; the request is written from the chart ----------
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/patients/${patientId}`);
    const booking = page.getByRole('region', { name: 'First consultation' });
    await booking.getByRole('button', { name: 'Mark held' }).click();
    await expect(booking.getByRole('row').filter({ hasText: `Dr. Ilse ${surname}` })).toContainText('Completed');
    const panel = page.getByRole('region', { name: 'Prior authorizations' });
    await panel.getByRole('button', { name: 'New request' }).click();
    const form = page.getByRole('form', { name: 'New authorization request' });
    await form.getByLabel('Coverage').selectOption({ label: `Aetna ${surname} · member W987654321` });
    await form.getByLabel('Diagnosis').selectOption({ label: 'CRPS' });
    await form.getByLabel('Ordering provider').selectOption({ label: doctor.name });
    await form.getByLabel('First day asked for').fill(mmddyyyy(inDays(2)));
    await form.getByLabel('Last day asked for').fill(mmddyyyy(inDays(45)));
    await form.getByLabel('Sessions asked for').fill('6');
    await form.getByRole('button', { name: 'Create draft request' }).click();
    await expect(page).toHaveURL(/#\/authorizations\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const authId = page.url().split('/').at(-1)!;
    const status = page.getByTestId('request-status');
    await expect(status).toContainText('Draft');

    // --- Readiness: everything Aetna asks for is on the chart -------------------------------------
    const readiness = page.getByRole('region', { name: 'Readiness' });
    await expect(readiness.getByTestId('readiness-verdict')).toHaveText(/^Ready to send · (\d+) of \1 items met$/, { timeout: 15_000 });
    await expect(readiness.getByRole('listitem').filter({ hasText: 'Failed sympathetic block' })).toContainText('Stellate ganglion sympathetic block');
    await expect(readiness.getByRole('listitem').filter({ hasText: 'Physician consultation held' })).toContainText(`Dr. Ilse ${surname}`);
    await page.screenshot({ path: '/tmp/lead-full-ready.png', fullPage: true });
    const steps = page.getByRole('group', { name: 'Next steps' });
    const stepForm = page.locator('form.step-form');
    await steps.getByRole('button', { name: 'Mark ready to send' }).click();
    await stepForm.getByRole('button', { name: 'Mark ready to send' }).click();
    await expect(status).toContainText('Ready', { timeout: 15_000 });

    // --- The package: built from the chart, the draft PDF opened and read, then filed -------------
    const pkg = page.getByRole('region', { name: 'Request package' });
    await pkg.getByRole('button', { name: 'Build the package from the chart' }).click();
    await expect(pkg.getByRole('status')).toHaveText('Package drafted from the chart');
    const [draft] = await Promise.all([page.waitForEvent('download'), pkg.getByRole('button', { name: 'Download the draft PDF' }).click()]);
    const text = pdfText(await draft.path());
    expect(text).toContain('member ID W987654321');
    expect(text).toContain('Stellate ganglion sympathetic block');
    expect(text).toContain('07/15/2025');
    expect(text).toContain('G90.512');
    expect(text).toContain('NPI 1234567893');
    await pkg.getByRole('button', { name: 'File the package…' }).click();
    await pkg.getByRole('button', { name: 'File it now' }).click();
    await expect(pkg.getByRole('status')).toHaveText(/Package filed on the chart: \d+ pages/);

    // --- Sent by portal, then denied ----------------------------------------------------------------
    await steps.getByRole('button', { name: 'Mark sent to payer' }).click();
    await stepForm.getByLabel('Sent by').selectOption({ label: 'Payer portal' });
    await stepForm.getByLabel('Payer reference number').fill('CASE-88123');
    await stepForm.getByRole('button', { name: 'Mark sent to payer' }).click();
    await expect(status).toContainText('Sent', { timeout: 15_000 });
    await steps.getByRole('button', { name: 'Record denial' }).click();
    // Without its reason the denial is refused beside the field; nothing is recorded.
    await stepForm.getByLabel('Denial date').fill(mmddyyyy(today));
    await stepForm.getByRole('button', { name: 'Record denial' }).click();
    await expect(stepForm.getByLabel('Denial reason')).toHaveAttribute('aria-invalid', 'true');
    await expect(status).toContainText('Sent');
    await stepForm.getByLabel('Denial reason').fill('Experimental and investigational for CRPS (CPB 0447)');
    await stepForm.getByLabel('Policy cited').fill('CPB 0447');
    await stepForm.getByRole('button', { name: 'Record denial' }).click();
    await expect(status).toContainText('Denied', { timeout: 15_000 });

    // The workspace's due list: this request's peer-to-peer window and appeal are due.
    await openApp(page, '/authorizations');
    const due = page.getByRole('region', { name: /Due and overdue/ });
    await due.getByLabel('Payer').selectOption({ label: payer.name });
    const dueRows = due.getByTestId('due-row');
    await expect(dueRows.filter({ hasText: 'Peer-to-peer window' })).toHaveCount(1);
    await expect(dueRows.filter({ hasText: `Renata ${surname}` }).first()).toBeVisible();
    // The appeal (180 days from the denial, ERISA) shows once the list looks that far ahead.
    await expect(dueRows.filter({ hasText: 'Appeal' })).toHaveCount(0);
    await due.getByLabel('Due within').selectOption({ label: '180 days' });
    await expect(dueRows.filter({ hasText: 'Appeal' })).toContainText(mmddyyyy(inDays(180)));
    await page.screenshot({ path: '/tmp/lead-full-due.png', fullPage: true });
    // The waiting list, the whole of it, as CSV: the patient with what holds the series back.
    const waiting = page.getByTestId('waiting-list');
    const [csv] = await Promise.all([page.waitForEvent('download'), waiting.getByRole('button', { name: 'Download list (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toBe(`waiting-on-authorization-${today}.csv`);
    const lines = readFileSync(await csv.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe('Patient,MRN,Payer,Held back by,What holds it back,Request status,Since');
    expect(lines.find((l) => l.startsWith(`Renata ${surname},`))).toMatch(new RegExp(`^Renata ${surname},\\d+,Aetna ${surname},Denied,.*,Denied,${mmddyyyy(today).replace(/\//g, '\\/')}$`));
    // The due list as CSV: this payer's rows (the filter on screen), the whole list.
    const [dueCsv] = await Promise.all([page.waitForEvent('download'), due.getByRole('button', { name: 'Download list (CSV)' }).click()]);
    const dueLines = readFileSync(await dueCsv.path(), 'utf8').trim().split('\r\n');
    expect(dueLines[0]).toBe('Due,Days left,Patient,MRN,What,Details,Status');
    expect(dueLines.slice(1).every((l) => l.includes(`Renata ${surname}`))).toBe(true);
    expect(dueLines.some((l) => l.includes('Appeal due'))).toBe(true);
    // "Waiting for a decision" as CSV holds the whole list, not only its first page: another
    // patient's draft is on it.
    const other = await invoke(page, 'patients.create', { firstName: 'Otto', lastName: surname, dateOfBirth: '1968-02-11', sex: 'male', preferredContact: 'none' } as never);
    const otherCoverage = await invoke(page, 'patients.addCoverage', { patientId: other.id, fields: { payerId: payer.id, memberId: 'W111222333', priority: 'primary' } });
    await invoke(page, 'authorizations.createRequest', { patientId: other.id, coverageId: otherCoverage.id, diagnosisGroup: 'crps' });
    const undecided = page.getByRole('region', { name: 'Waiting for a decision' });
    await expect(undecided.getByRole('row', { name: new RegExp(`Otto ${surname}`) })).toBeVisible();
    const [undecidedCsv] = await Promise.all([page.waitForEvent('download'), undecided.getByRole('button', { name: /Download list \(CSV\)/ }).click()]);
    const total = Number((await undecided.locator('.pager-status').textContent())!.match(/of (\d+)/)![1]);
    const undecidedLines = readFileSync(await undecidedCsv.path(), 'utf8').trim().split('\r\n');
    expect(undecidedLines).toHaveLength(total + 1);
    expect(undecidedLines.find((l) => l.startsWith(`Otto ${surname},`))).toContain('Draft (not sent)');
    await openApp(page, `/authorizations/${authId}`);

    // --- The peer-to-peer request and the patient's appeal -----------------------------------------
    const letters = page.getByRole('region', { name: 'Letters', exact: true });
    await letters.getByRole('button', { name: 'Write peer-to-peer request' }).click();
    const p2pForm = letters.getByRole('form', { name: 'Write peer-to-peer request' });
    await p2pForm.getByLabel('Call window 1').fill('Mon 8:00–10:00 AM');
    await p2pForm.getByLabel('Call window 2').fill('Wed 1:00–3:00 PM');
    await p2pForm.getByLabel('Call-back number').fill('512-555-0100');
    await p2pForm.getByRole('button', { name: 'Write the draft' }).click();
    const p2p = letters.getByTestId('letter').filter({ hasText: 'Peer-to-peer request' }).first();
    await expect(p2p).toContainText('CASE-88123');
    await p2p.getByRole('button', { name: 'Finalize and file…' }).click();
    await p2p.getByRole('button', { name: 'Finalize and file as a document' }).click();
    await expect(status).toContainText('Peer-to-peer asked for', { timeout: 15_000 });

    await letters.getByRole('button', { name: 'Write patient appeal letter' }).click();
    await letters.getByRole('form', { name: 'Write patient appeal letter' }).getByRole('button', { name: 'Write the draft' }).click();
    const appeal = letters.getByTestId('letter').filter({ hasText: 'Patient appeal letter' }).first();
    await expect(appeal).toContainText('Experimental and investigational for CRPS (CPB 0447)');
    const [appealPdf] = await Promise.all([page.waitForEvent('download'), appeal.getByRole('button', { name: 'Preview PDF' }).click()]);
    const appealText = pdfText(await appealPdf.path());
    expect(appealText).toContain(`Renata ${surname}`);
    expect(appealText).toContain('W987654321');
    await appeal.getByRole('button', { name: 'Finalize and file…' }).click();
    await appeal.getByLabel('Date the patient filed the appeal').fill(mmddyyyy(today));
    await appeal.getByRole('button', { name: 'Finalize and file as a document' }).click();
    await expect(status).toContainText('Appealed', { timeout: 15_000 });

    // --- Approved on appeal: the number, the sessions and the dates ---------------------------------
    await steps.getByRole('button', { name: 'Record approval' }).click();
    await stepForm.getByLabel('Authorization number').fill('PA-2027-5531');
    await expect(stepForm.getByLabel('Approved sessions')).toHaveValue('6');
    await expect(stepForm.getByLabel('First day covered')).toHaveValue(mmddyyyy(inDays(2)));
    await stepForm.getByRole('button', { name: 'Record approval' }).click();
    await expect(status).toContainText('Approved', { timeout: 15_000 });
    await expect(page.getByText('Recorded: now Approved')).toBeVisible();
    const history = page.getByRole('region', { name: 'History' });
    for (const step of ['Draft', 'Ready', 'Sent', 'Denied', 'Peer-to-peer asked for', 'Appealed', 'Approved']) await expect(history).toContainText(step);
    await page.screenshot({ path: '/tmp/lead-full-approved.png', fullPage: true });

    // --- The series books under it ------------------------------------------------------------------
    await openApp(page, `/patients/${patientId}`);
    await page.getByRole('button', { name: 'Plan a series' }).click();
    const planner = page.getByRole('region', { name: 'Plan a series' });
    await planner.getByLabel('Series template').selectOption({ label: 'Initial series: 6 infusions over 2 weeks' });
    await expect(planner.getByLabel('Paid by')).toHaveValue(authId);
    await planner.getByLabel('Preferred suite').selectOption({ label: `Suite PA ${tag}` });
    await planner.getByRole('button', { name: 'Find a series' }).click();
    await expect(planner.getByRole('heading', { name: /^Proposed:/ })).toBeVisible({ timeout: 20_000 });
    const preferred = planner.getByRole('article', { name: 'Preferred days and time' });
    const chosen = (await preferred.count()) ? preferred : planner.getByRole('article').first();
    await chosen.getByRole('button', { name: 'Book these 6 sessions' }).click();
    const card = page.getByRole('article', { name: 'Initial series: 6 infusions over 2 weeks', exact: true });
    await expect(card.getByRole('row')).toHaveCount(7, { timeout: 15_000 });
    await expect(card).toContainText('PA-2027-5531');
    const [series] = await invoke(page, 'series.listForPatient', { patientId });
    expect(series!.authorizationId).toBe(authId);
    for (const s of series!.sessions) {
      expect(dateOf(s.startsAt) >= inDays(2)).toBe(true);
      expect(dateOf(s.startsAt) <= inDays(45)).toBe(true);
    }
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/lead-full-series.png' });
    void suite;
  });
});
