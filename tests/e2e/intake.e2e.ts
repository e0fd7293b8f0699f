import type { Locator, Page } from '@playwright/test';
import { pdfText } from '../support/pdf-text';
import { expect, openApp, test, uniqueSurname } from './fixtures';

/** The message the backend put beside an input: the first id its aria-describedby names. */
async function errorBeside(page: Page, input: Locator): Promise<Locator> {
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = await input.getAttribute('aria-describedby');
  expect(ids, 'the input points at its error').toBeTruthy();
  return page.locator(`[id="${ids!.split(' ')[0]}"]`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One backend call with the page's own token, as the renderer makes it. */
async function invoke<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-desk-token': sessionStorage.getItem('desk.token') ?? '',
          'x-desk-session': sessionStorage.getItem('desk.session') ?? '',
        },
        body: JSON.stringify({ method: m, input: i }),
      });
      const out = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
      if (!out.ok) throw new Error(out.error?.message ?? 'call failed');
      return out.result;
    },
    [method, input] as const,
  ) as Promise<T>;
}

async function staffIdOf(page: Page, name: string): Promise<string> {
  const staff = await invoke<{ id: string; name: string }[]>(page, 'staff.list', {});
  return staff.find((s) => s.name === name)!.id;
}

test.describe('Intake and the first consultation, as a remote assistant does them', () => {
  test('provider hours, a CRPS intake filled to 100%, the physician summary PDF, and a booked consultation', async ({ page }) => {
    test.setTimeout(120_000);
    const doctor = `Dr. Ada ${uniqueSurname('Osei')}`;
    const surname = uniqueSurname('Lindqvist');

    // --- Settings: a physician who sees patients every weekday 08:00-17:00 ---------------
    await openApp(page, '/settings/staff');
    await page.getByLabel('Staff name').fill(doctor);
    await page.getByLabel('Role', { exact: true }).selectOption('physician');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByRole('cell', { name: doctor, exact: true })).toBeVisible();
    // Their weekly hours are on the next page of Settings.
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: /^Provider hours/ }).click();

    const hours = page.getByRole('region', { name: doctor });
    await expect(hours).toBeVisible();
    await expect(hours).toContainText('No weekly hours');
    await hours.getByRole('button', { name: 'Add hours' }).click();
    await hours.getByLabel('Day, row 1').selectOption({ label: 'Monday' });
    await hours.getByLabel('From, row 1').fill('08:00');
    await hours.getByLabel('To, row 1').fill('17:00');
    // Each new row is the next day with the same hours.
    for (let i = 0; i < 4; i++) await hours.getByRole('button', { name: 'Add hours' }).click();
    await expect(hours.getByLabel('Day, row 5')).toHaveValue('5'); // Friday
    await expect(hours.getByLabel('To, row 5')).toHaveValue('17:00');
    await hours.getByRole('button', { name: 'Save weekly hours' }).click();
    await expect(hours.getByRole('status')).toContainText('saved');
    await page.reload();
    await expect(page.getByRole('region', { name: doctor }).getByLabel('Day, row 5')).toHaveValue('5');

    // --- A new patient ---------------------------------------------------------------------
    await page.goto('/#/patients/new');
    await page.getByLabel('First name').fill('Maren');
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel('Date of birth').fill('06/02/1979');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Phone').fill('(608) 555-0142');
    await page.getByLabel('Preferred contact').selectOption('phone');
    await page.getByRole('button', { name: 'Save patient' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(surname) })).toBeVisible();
    const patientId = decodeURIComponent(/#\/patients\/([^/]+)$/.exec(page.url())![1]!);

    // The completeness panel names what is missing and takes the cursor there.
    const completeness = page.getByTestId('intake-completeness');
    await expect(completeness).toContainText(/Intake 0 of \d+ complete/);
    await completeness.getByRole('button', { name: 'Add a diagnosis' }).click();
    const codeBox = page.getByRole('combobox', { name: 'ICD-10 code or words' });
    await expect(codeBox).toBeFocused();

    // --- Diagnosis: an unknown code is refused beside the field, then G90.512 via the picker
    const dx = page.getByRole('region', { name: 'Diagnoses' });
    await codeBox.fill('Z99.999');
    await dx.getByRole('button', { name: 'Add diagnosis' }).click();
    await expect(await errorBeside(page, codeBox)).toHaveText(/not in the clinic's ICD-10 list/);

    await codeBox.fill('G90.512');
    await dx.getByRole('option', { name: /G90\.512/ }).click();
    await expect(codeBox).toHaveValue(/^G90\.512 Complex regional pain syndrome I of left upper limb/);
    const onset = dx.getByLabel('Onset date');
    await onset.fill('01/15/2099');
    await dx.getByLabel(/^Primary diagnosis/).check();
    await dx.getByRole('button', { name: 'Add diagnosis' }).click();
    await expect(await errorBeside(page, onset)).toHaveText(/cannot be in the future/);
    await onset.fill('03/15/2024');
    await dx.getByRole('button', { name: 'Add diagnosis' }).click();
    const dxRow = dx.getByRole('row', { name: /G90\.512/ });
    await expect(dxRow).toContainText('Primary');
    await expect(dxRow).toContainText('03/15/2024');

    // --- Budapest: symptoms in 3 categories, signs in 2, A and D -------------------------
    const bp = page.getByRole('region', { name: 'Budapest criteria (CRPS)' });
    await bp.getByLabel('Evaluator', { exact: true }).selectOption({ label: doctor });
    await bp.getByLabel(/^A\. Continuing pain/).check();
    const tick = (group: string, label: string) => bp.getByRole('group', { name: group }).getByLabel(label, { exact: true }).check();
    await tick('Sensory symptoms the patient reports', 'Allodynia (reported)');
    await tick('Vasomotor symptoms the patient reports', 'Temperature asymmetry');
    const preview = bp.getByTestId('budapest-preview');
    await expect(preview).toContainText('Clinical criteria not met: symptoms in 2 of 4 categories, signs in 0 of 4');
    await tick('Motor / trophic symptoms the patient reports', 'Decreased range of motion');
    await tick('Sensory signs seen at this evaluation', 'Allodynia to light touch');
    await tick('Vasomotor signs seen at this evaluation', 'Skin colour changes');
    await bp.getByLabel(/^D\. No other diagnosis/).check();
    await expect(preview).toContainText('Clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4');
    await expect(preview).toContainText('Research criteria not met');
    await bp.getByRole('button', { name: 'Save evaluation' }).click();
    const evaluation = bp.getByRole('listitem').filter({ hasText: doctor });
    await expect(evaluation).toContainText(/clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4/i);
    await expect(evaluation).toContainText(/research criteria not met/i);

    // --- Prior treatments: two failed medications with dates, and a stellate ganglion block
    const tx = page.getByRole('region', { name: 'Prior treatments' });
    const addTreatment = async (t: { kind: string; name: string; dose?: string; sessions?: string; start: string; end: string; outcome: string; response?: string }) => {
      await tx.getByLabel('Kind', { exact: true }).selectOption(t.kind);
      await tx.getByLabel('Name (drug, block or therapy)').fill(t.name);
      await tx.getByLabel('Dose', { exact: true }).fill(t.dose ?? '');
      await tx.getByLabel('Sessions', { exact: true }).fill(t.sessions ?? '');
      await tx.getByLabel('Start date').fill(t.start);
      await tx.getByLabel('End date').fill(t.end);
      await tx.getByLabel('Outcome', { exact: true }).selectOption(t.outcome);
      await tx.getByLabel('Response in words').fill(t.response ?? '');
      await tx.getByRole('button', { name: 'Add treatment' }).click();
    };
    await addTreatment({ kind: 'medication', name: 'Gabapentin', dose: '600 mg three times a day', start: '01/10/2023', end: '06/30/2023', outcome: 'failed' });
    await expect(tx.getByRole('row', { name: /Gabapentin/ })).toContainText('Failed');
    // An end before the start is refused beside the end date.
    await addTreatment({ kind: 'medication', name: 'Duloxetine', dose: '60 mg daily', start: '08/01/2023', end: '07/01/2023', outcome: 'intolerant' });
    await expect(await errorBeside(page, tx.getByLabel('End date'))).toHaveText(/cannot be before the start date/);
    await tx.getByLabel('End date').fill('10/01/2023');
    await tx.getByRole('button', { name: 'Add treatment' }).click();
    await expect(tx.getByRole('row', { name: /Duloxetine/ })).toContainText('Not tolerated');
    await addTreatment({
      kind: 'nerve_block',
      name: 'Stellate ganglion block',
      sessions: '3',
      start: '11/01/2023',
      end: '12/15/2023',
      outcome: 'partial_relief',
      response: 'relief for 2 days after each block',
    });
    await expect(tx.getByRole('heading', { name: 'Nerve block' })).toBeVisible();
    await expect(tx.getByRole('row', { name: /Stellate ganglion block/ })).toContainText('3 sessions');

    // --- Current medication with an interaction flag ----------------------------------------
    const meds = page.getByRole('region', { name: 'Current medications' });
    await meds.getByLabel('Drug', { exact: true }).fill('Lorazepam');
    await meds.getByLabel('Dose', { exact: true }).fill('1 mg');
    await meds.getByLabel('Frequency').fill('at bedtime');
    await expect(meds.getByText('This drug will be flagged')).toBeVisible();
    await meds.getByRole('button', { name: 'Add medication' }).click();
    const lorazepam = meds.getByRole('row', { name: /Lorazepam/ });
    await expect(lorazepam).toContainText('Benzodiazepines');
    await expect(lorazepam).toContainText("Benzodiazepines can blunt ketamine's effect and add to sedation.");

    // --- Screening: every question answered no -----------------------------------------------
    const sc = page.getByRole('region', { name: 'Contraindication screening' });
    const questions = sc.getByRole('group');
    const n = await questions.count();
    expect(n).toBeGreaterThan(3);
    for (let i = 0; i < n; i++) await questions.nth(i).getByLabel('No', { exact: true }).check();
    await sc.getByRole('button', { name: 'Save screening' }).click();
    await expect(sc.getByTestId('screening-result')).toContainText('Clear');

    // --- Baseline scores: NRS 11 is refused beside the field; then NRS 7, VAS 68, PEG -----
    const scores = page.getByRole('region', { name: 'Baseline scores' });
    const instrument = scores.getByLabel('Score', { exact: true });
    await instrument.selectOption('nrs');
    const nrs = scores.getByLabel('NRS score');
    await nrs.fill('11');
    await scores.getByRole('button', { name: 'Record score' }).click();
    await expect(await errorBeside(page, nrs)).toHaveText('NRS is a whole number from 0 to 10.');
    await nrs.fill('7');
    await scores.getByRole('button', { name: 'Record score' }).click();
    await expect(scores.getByRole('row', { name: /^NRS/ })).toContainText('7 of 10');
    await instrument.selectOption('vas');
    await scores.getByLabel('VAS score').fill('68');
    await scores.getByRole('button', { name: 'Record score' }).click();
    await expect(scores.getByRole('row', { name: /^VAS/ })).toContainText('68 of 100');
    await instrument.selectOption('peg');
    await scores.getByLabel('PEG answer 1').fill('7');
    await scores.getByLabel('PEG answer 2').fill('6');
    await scores.getByLabel('PEG answer 3').fill('6');
    await scores.getByRole('button', { name: 'Record score' }).click();
    await expect(scores.getByRole('row', { name: /^PEG/ })).toContainText('answers 7, 6, 6');

    // --- The physician's sign-off of the flagged medication (an administrator may give it) ---
    const signoff = page.getByTestId('intake-signoff');
    await expect(signoff).toContainText('Lorazepam: Benzodiazepines');
    await expect(completeness).not.toContainText('100%');
    await signoff.getByRole('button', { name: 'Sign off intake' }).click();
    await expect(signoff).toContainText('Signed off by Eve Admin, ');

    // --- Complete -------------------------------------------------------------------------
    await expect(completeness).toContainText('100%');
    await expect(completeness).toContainText(/Intake (\d+) of \1 complete/);
    await expect(completeness.getByRole('button')).toHaveCount(0);

    // --- The physician summary PDF, saved to the record and read back ------------------
    const docs = page.getByRole('region', { name: 'Documents' });
    await docs.getByRole('button', { name: 'Physician summary (PDF)' }).click();
    await expect(docs.getByText('Summary saved to the patient’s record')).toBeVisible();
    const docItem = docs.getByRole('listitem').filter({ hasText: /Intake summary/ });
    await expect(docItem).toHaveCount(1);
    const [download] = await Promise.all([page.waitForEvent('download'), docItem.getByRole('button', { name: /^Open/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    const list = await invoke<{ id: string; title: string }[]>(page, 'documents.listForPatient', { patientId });
    const summary = list.find((d) => /Intake summary/.test(d.title));
    expect(summary, 'the summary is in the patient’s documents').toBeTruthy();
    const content = await invoke<{ base64: string; mimeType: string }>(page, 'documents.read', { id: summary!.id });
    expect(content.mimeType).toBe('application/pdf');
    const text = pdfText(Buffer.from(content.base64, 'base64')).replace(/\s+/g, ' ');
    expect(text).toContain(surname);
    expect(text).toContain('Maren');
    expect(text).toContain('G90.512');
    expect(text).toMatch(/clinical criteria met/i);
    expect(text).toMatch(/lorazepam/i);
    expect(text).toMatch(/Numeric rating scale \(0-10\) 7\b/);

    // --- Book the first free consultation ------------------------------------------------
    const booking = page.getByRole('region', { name: 'First consultation' });
    await booking.getByLabel('Provider', { exact: true }).selectOption({ label: doctor });
    const firstSlot = booking.getByRole('list', { name: 'Free consultation times' }).getByRole('button').first();
    await expect(firstSlot).toContainText(doctor);
    // Its name reads in full: "Fri, Nov 27, 8:00 AM CST · Dr. Ada Osei...".
    const when = (await firstSlot.locator('.slot-main').textContent())!.trim();
    expect(when).toMatch(/^\w{3}, \w{3} \d{1,2}, \d{1,2}:\d{2} [AP]M \S+$/);
    await expect(firstSlot).toHaveAccessibleName(new RegExp(`^${escapeRegExp(when)} · ${escapeRegExp(doctor)}`));
    // Chosen, and while the confirm step is on screen someone else books that time elsewhere.
    await firstSlot.click();
    await expect(booking.getByRole('group', { name: /Book a first consultation for Maren/ })).toContainText(when);
    const slotStart = await invoke<{ slots: { startsAt: number }[] }>(page, 'consultations.freeSlots', { patientId, staffId: await staffIdOf(page, doctor), limit: 1 });
    const other = await invoke<{ id: string }>(page, 'patients.create', {
      firstName: 'Otto',
      lastName: uniqueSurname('Elsewhere'),
      dateOfBirth: '1970-01-01',
      sex: 'male',
      preferredContact: 'none',
    });
    await invoke(page, 'consultations.book', { patientId: other.id, staffId: await staffIdOf(page, doctor), startsAt: slotStart.slots[0]!.startsAt });
    await booking.getByRole('button', { name: 'Book consultation' }).click();
    await expect(booking.getByRole('alert')).toContainText('That time can no longer be booked');
    await expect(booking.getByRole('list', { name: 'Free consultation times' }).getByRole('button').first()).not.toContainText(when.replace(/^\w{3}, \w{3} \d{1,2}, /, ''));

    // Book the first time still free.
    const freeNow = booking.getByRole('list', { name: 'Free consultation times' }).getByRole('button').first();
    const whenNow = (await freeNow.locator('.slot-main').textContent())!.trim();
    await freeNow.click();
    await booking.getByRole('button', { name: 'Book consultation' }).click();
    const booked = booking.getByTestId('booked-consultation');
    await expect(booked).toContainText('Booked');
    await expect(booked).toContainText(whenNow);
    await expect(booked).toContainText(doctor);
    await expect(booking.getByRole('list', { name: 'Free consultation times' })).toHaveCount(0);

    // Cancelling needs a reason; after it the free times come back, and it is booked again.
    await booked.getByRole('button', { name: /^Cancel/ }).click();
    await booked.getByRole('button', { name: 'Cancel consultation' }).click();
    const reason = booked.getByLabel('Reason for cancelling');
    await expect(await errorBeside(page, reason)).toHaveText('Enter the reason for cancelling.');
    await reason.fill('Patient asked for another day');
    await booked.getByRole('button', { name: 'Cancel consultation' }).click();
    await expect(booking.getByRole('row', { name: new RegExp(doctor) })).toContainText('Cancelled');
    await booking.getByLabel('Provider', { exact: true }).selectOption({ label: doctor });
    await booking.getByRole('list', { name: 'Free consultation times' }).getByRole('button').first().click();
    await booking.getByRole('button', { name: 'Book consultation' }).click();
    await expect(booking.getByTestId('booked-consultation')).toContainText(doctor);
    await expect(booking.getByRole('list', { name: 'Free consultation times' })).toHaveCount(0);

    // The Today work list no longer lists a complete intake.
    await page.goto('/#/today');
    await expect(page.getByRole('heading', { name: 'Intakes to complete' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(surname) })).toHaveCount(0);
  });

  test('a new patient shows on the Today work list with what is missing, and opens at the chart', async ({ page }) => {
    const surname = uniqueSurname('Worklist');
    await openApp(page, '/patients/new');
    await page.getByLabel('First name').fill('Ines');
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel('Date of birth').fill('1988-11-30');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Phone').fill('(608) 555-0177');
    await page.getByLabel('Preferred contact').selectOption('sms');
    await page.getByRole('button', { name: 'Save patient' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(surname) })).toBeVisible();

    await page.getByRole('navigation').getByRole('link', { name: 'Today', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(surname) });
    await expect(row).toContainText('0%');
    await expect(row).toContainText('Add a diagnosis');
    await row.getByRole('link', { name: new RegExp(surname) }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(surname) })).toBeVisible();
    await expect(page.getByTestId('intake-completeness')).toContainText('Add a diagnosis');
  });
});
