import type { Page } from '@playwright/test';
import type { UserRole } from '../../src-shared/api/permissions';
import { expect, invoke, rawInvoke, test, uniqueSurname, type Person } from './fixtures';

const base = () => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 5199)}`;

/** A user made by the administrator, who has already chosen their own password (signed in once). */
async function makeUser(page: Page, role: UserRole, displayName: string): Promise<Person> {
  const username = uniqueSurname(role.replace('_', '')).toLowerCase();
  const given = `given-${uniqueSurname('p')}-pass`;
  await invoke(page, 'users.create', { displayName, username, role, password: given });
  const password = `own-${uniqueSurname('s')}-secret`;
  const signed = await rawInvoke(page.request, base(), 'auth.signIn', { username, password: given });
  if (!signed.ok) throw new Error(signed.error.message);
  const session = (signed.result as { session: string }).session;
  const changed = await rawInvoke(page.request, base(), 'auth.changePassword', { currentPassword: given, newPassword: password }, session);
  if (!changed.ok) throw new Error(changed.error.message);
  await rawInvoke(page.request, base(), 'auth.signOut', {}, session);
  return { displayName, username, password };
}

async function signIn(page: Page, who: Person, route: string): Promise<void> {
  await page.goto(`/#token=${process.env.DESK_WEB_TOKEN}`);
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 15_000 });
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation').first()).toBeVisible({ timeout: 15_000 });
  await page.goto(`/#${route}`);
}

/** A CRPS intake complete for the payer package, with an "unsure" screening answer and a benzodiazepine. */
async function flaggedIntake(page: Page, surname: string): Promise<string> {
  const { id: patientId } = await invoke(page, 'patients.create', { firstName: 'Marta', lastName: surname, dateOfBirth: '1981-05-19', sex: 'female', preferredContact: 'none' });
  await invoke(page, 'intake.addDiagnosis', { patientId, fields: { code: 'G90.512', onsetDate: '2025-02-14' } });
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
  await invoke(page, 'intake.addTreatment', { patientId, fields: { kind: 'medication', name: 'Gabapentin', startDate: '2025-03-01', outcome: 'failed' } });
  await invoke(page, 'intake.addTreatment', { patientId, fields: { kind: 'medication', name: 'Duloxetine', startDate: '2025-07-15', outcome: 'intolerant' } });
  await invoke(page, 'intake.addTreatment', { patientId, fields: { kind: 'nerve_block', name: 'Stellate ganglion block', startDate: '2025-09-01', outcome: 'partial_relief' } });
  await invoke(page, 'scores.record', { patientId, instrument: 'nrs', value: 8, observedAt: Date.parse('2025-11-20T15:00:00Z') });
  await invoke(page, 'scores.record', { patientId, instrument: 'peg', items: [8, 7, 6], observedAt: Date.parse('2025-11-20T15:05:00Z') });
  const ref = await invoke(page, 'intake.reference', {});
  const answers = Object.fromEntries(ref.screening.items.map((i) => [i.id, { answer: i.id === 'pregnancy' ? ('unsure' as const) : ('no' as const) }]));
  await invoke(page, 'intake.recordScreening', { patientId, screenedOn: '2025-11-20', answers });
  await invoke(page, 'intake.addMedication', { patientId, fields: { drug: 'Lorazepam', dose: '1 mg' } });
  return patientId;
}

test.describe('The physician’s sign-off of an intake', () => {
  test('the desk sees it waiting (chart and Today); the physician signs off and the intake reaches 100 %; a new flag reopens it', async ({ page, browser }) => {
    test.setTimeout(150_000);
    const surname = uniqueSurname('Signoff');
    // The administrator's session for set-up (created on a new clinic).
    await invoke(page, 'auth.status', {});
    const patientId = await flaggedIntake(page, surname);
    const desk = await makeUser(page, 'front_desk', `Desk ${uniqueSurname('T')}`);
    const doctorName = `Dr. Ines ${uniqueSurname('Varga')}`;
    const doctor = await makeUser(page, 'physician', doctorName);

    // --- The front desk: waiting, no action --------------------------------------------------
    await signIn(page, desk, `/patients/${patientId}`);
    const signoff = page.getByTestId('intake-signoff');
    await expect(signoff).toContainText('Waiting for the physician’s sign-off: 2 items to review.');
    await expect(signoff).toContainText('Pregnancy or possible pregnancy (answered unsure)');
    await expect(signoff).toContainText('Lorazepam: Benzodiazepines');
    await expect(signoff.getByRole('button', { name: 'Sign off intake' })).toHaveCount(0);
    const completeness = page.getByTestId('intake-completeness');
    await expect(completeness.getByRole('heading')).toHaveText('Intake 7 of 8 complete');
    await expect(completeness).not.toHaveClass(/is-complete/);
    await expect(completeness).toContainText('The physician signs off the screening answers and medications that need review (2 items)');
    await expect(page.getByRole('button', { name: 'Intake 87% complete' })).toBeVisible();
    await signoff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/a-chart-waiting.png', fullPage: false });

    // Today's work list: the patient waits there with what the physician must review.
    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).click();
    const row = page.getByRole('row').filter({ hasText: surname });
    await expect(row).toContainText('87%');
    await expect(row.getByTestId('open-review')).toHaveText(
      'Physician reviewWaiting for the physician’s sign-off: Pregnancy or possible pregnancy (answered unsure); Lorazepam: Benzodiazepines',
    );
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/a-today-worklist.png' });

    // --- The physician, on their own computer: reviews and signs off ---------------------------
    const context = await browser.newContext();
    const doc = await context.newPage();
    await signIn(doc, doctor, `/patients/${patientId}`);
    const docSignoff = doc.getByTestId('intake-signoff');
    await expect(docSignoff).toContainText('Waiting for the physician’s sign-off: 2 items to review.');
    await doc.getByLabel('Comment (optional)').fill('Pregnancy test before the first infusion.');
    await docSignoff.getByRole('button', { name: 'Sign off intake' }).click();
    await expect(docSignoff).toContainText(`Signed off by ${doctorName}, `);
    const toReview = docSignoff.getByRole('list', { name: 'What needs the physician’s review' });
    await expect(toReview.getByRole('listitem').filter({ hasText: 'Lorazepam: Benzodiazepines' })).toContainText('Reviewed');
    await expect(docSignoff).toContainText(`${doctorName} (physician)`);
    await expect(docSignoff).toContainText('“Pregnancy test before the first infusion.”');
    const docCompleteness = doc.getByTestId('intake-completeness');
    await expect(docCompleteness.getByRole('heading')).toHaveText('Intake 8 of 8 complete');
    await expect(docCompleteness).toHaveClass(/is-complete/);
    await expect(doc.getByRole('button', { name: 'Intake 100% complete' })).toBeVisible();
    await doc.screenshot({ path: '/tmp/a-chart-signed.png' });

    // The desk's chart follows (intake.changed): who signed off, and 100 %.
    await page.goto(`/#/patients/${patientId}`);
    await expect(signoff).toContainText(`Signed off by ${doctorName}, `);
    await expect(completeness.getByRole('heading')).toHaveText('Intake 8 of 8 complete');

    // --- A new medication with a review interaction reopens the sign-off ----------------------
    await invoke(page, 'intake.addMedication', { patientId, fields: { drug: 'Theophylline' } });
    await expect(docSignoff).toContainText('Waiting for the physician’s sign-off again: 1 item new since the last sign-off.');
    await expect(toReview.getByRole('listitem').filter({ hasText: 'Theophylline' })).toContainText('New, to review');
    await expect(toReview.getByRole('listitem').filter({ hasText: 'Lorazepam' })).toContainText('Reviewed');
    await expect(docCompleteness.getByRole('heading')).toHaveText('Intake 7 of 8 complete');
    await expect(docCompleteness).not.toHaveClass(/is-complete/);
    await expect(docCompleteness).toContainText('again (1 item new since the last sign-off)');
    await doc.screenshot({ path: '/tmp/a-chart-reopened.png', fullPage: true });
    await context.close();

    // The desk plans the series: the planner shows what still waits for the physician.
    await page.getByRole('button', { name: 'Plan a series' }).click();
    const planner = page.getByRole('region', { name: 'Plan a series' });
    await expect(planner.getByTestId('planner-open-review')).toContainText('Waiting for the physician’s sign-off again: 1 item new since the last sign-off.');
    await expect(planner.getByTestId('planner-open-review')).toContainText('Theophylline: Theophylline / aminophylline');
    await planner.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/a-planner.png' });
  });
});
