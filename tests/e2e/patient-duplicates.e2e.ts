import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

test.describe('Duplicate patients: the warning before saving, and an administrator’s merge', () => {
  test('registering a patient already on file warns with the match and why; saving anyway needs a click', async ({ page }) => {
    const surname = uniqueSurname('Doblado');
    const first = await invoke(page, 'patients.create', {
      firstName: 'Rosa',
      lastName: surname,
      dateOfBirth: '1981-05-14',
      sex: 'female',
      phone: '(312) 555-0166',
      preferredContact: 'phone',
    });

    await openApp(page, '/patients/new');
    await page.getByLabel('First name').fill('Rosa');
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel('Date of birth').fill('05/14/1981');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Phone').fill('312-555-0166');
    await page.getByLabel('Preferred contact').selectOption('phone');
    await page.getByRole('button', { name: 'Save patient' }).click();

    // Nothing saved yet: the form says who is on file and why it looks like the same person.
    const warning = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'This patient may already be registered' }) });
    await expect(warning).toBeVisible();
    const match = warning.getByRole('listitem', { name: `Rosa ${surname}, MRN ${first.mrn}` });
    await expect(match).toContainText('Same name and date of birth · Same phone number');
    await expect(match).toContainText('05/14/1981');
    await expect(match.getByRole('link', { name: 'Open this patient' })).toHaveAttribute('href', `#/patients/${first.id}`);
    await expect(page).toHaveURL(/#\/patients\/new$/);
    await page.screenshot({ path: '/tmp/g-duplicate-warning.png', fullPage: true });
    const found = await invoke(page, 'patients.search', { q: surname });
    expect(found.items).toHaveLength(1);

    // A changed name is checked again: the warning goes until Save is pressed.
    await page.getByLabel('First name').fill('Rosalind');
    await expect(warning).toHaveCount(0);
    await page.getByLabel('First name').fill('Rosa');
    await page.getByRole('button', { name: 'Save patient' }).click();
    await expect(warning).toBeVisible();

    // The person is sure it is someone else (a twin): saved on their word, and the chart says so.
    await warning.getByRole('button', { name: 'Save as a new patient anyway' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(surname) })).toBeVisible();
    await expect(page).not.toHaveURL(new RegExp(first.id));
    const onChart = page.getByRole('region', { name: 'Another record may be this patient' });
    await expect(onChart.getByRole('listitem', { name: `Rosa ${surname}, MRN ${first.mrn}` })).toBeVisible();
    expect((await invoke(page, 'patients.search', { q: surname })).items).toHaveLength(2);
  });

  test('an administrator merges two records of one person: sees what moves, confirms, and everything is on the kept record', async ({ page }) => {
    const surname = uniqueSurname('Fusion');
    const payer = await invoke(page, 'payers.create', { name: `Merge Health ${surname}` });
    const keep = await invoke(page, 'patients.create', {
      firstName: 'Tomas',
      lastName: surname,
      dateOfBirth: '1969-09-03',
      sex: 'male',
      preferredContact: 'none',
    });
    const extra = await invoke(page, 'patients.create', {
      firstName: 'Tomas',
      lastName: surname,
      dateOfBirth: '1969-09-03',
      sex: 'male',
      preferredContact: 'none',
      confirmedNotDuplicate: true,
    });
    await invoke(page, 'patients.addCoverage', { patientId: extra.id, fields: { payerId: payer.id, memberId: 'MBR-4471', priority: 'primary' } });

    // The second record's chart says another record may be this patient; the administrator merges.
    await openApp(page, `/patients/${extra.id}`);
    const panel = page.getByRole('region', { name: 'Another record may be this patient' });
    await panel.getByRole('listitem', { name: `Tomas ${surname}, MRN ${keep.mrn}` }).getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge two records of one patient' });
    await expect(dialog).toBeVisible();
    // Keep the first record: the other's coverage moves to it.
    await dialog.getByRole('radio', { name: new RegExp(`MRN ${keep.mrn}`) }).check();
    const moves = dialog.getByRole('table', { name: 'What moves' });
    await expect(moves.getByRole('row', { name: 'Insurance coverages 1' })).toBeVisible();
    await expect(dialog).toContainText(`The record MRN ${extra.mrn} is then removed; its history is kept.`);
    await page.screenshot({ path: '/tmp/g-merge-dialog.png' });
    await dialog.getByRole('button', { name: `Merge into Tomas ${surname} (MRN ${keep.mrn})` }).click();

    // On the kept record: the coverage is there, and no duplicate is left to warn about.
    await expect(page).toHaveURL(new RegExp(`#/patients/${keep.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(surname) })).toBeVisible();
    await expect(page.getByText('MBR-4471')).toBeVisible();
    await expect(page.getByRole('region', { name: /may be this patient/ })).toHaveCount(0);
    await page.screenshot({ path: '/tmp/g-merged-chart.png' });

    // The merged record's old address says where it went.
    await page.goto(`/#/patients/${extra.id}`);
    await expect(page.getByText(`This record was merged into Tomas ${surname} (MRN ${keep.mrn}).`)).toBeVisible();
    expect((await invoke(page, 'patients.search', { q: surname })).items).toHaveLength(1);
  });

  test('the registry CSV de-identified: no names in the downloaded file, a code per patient, progress while it runs', async ({ page }) => {
    const surname = uniqueSurname('Anonimo');
    const patient = await invoke(page, 'patients.create', { firstName: 'Olvido', lastName: surname, dateOfBirth: '1950-03-09', sex: 'female', preferredContact: 'none' });
    await invoke(page, 'outcomes.recordScore', { patientId: patient.id, instrument: 'nrs', timePoint: 'baseline', value: 7, observedAt: Date.now() - 86_400_000 } as never);

    await openApp(page, '/outcomes');
    await page.getByRole('tab', { name: 'Exports' }).click();
    await page.getByLabel('De-identify: no names, MRN, phone or date of birth').check();
    await expect(page.getByRole('radio', { name: /Move each patient’s dates back/ })).toBeChecked();
    await page.screenshot({ path: '/tmp/g-export-panel.png' });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'De-identified registry CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^outcomes-deidentified-clinic-.*\.csv$/);
    const text = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        stream.on('error', reject);
      });
    });
    expect(text.split('\r\n')[0]).toBe('patient_code,age_band,instrument,value,items,time_point,session_seq,follow_up,observed_date,date_shifted,source');
    expect(text).not.toContain(surname);
    expect(text).not.toContain('1950-03-09');
    expect(text).toMatch(/\r\nP-[0-9A-F]{12},75-79,nrs,7,/);
    await expect(page.getByRole('status').filter({ hasText: 'de-identified' })).toContainText(/rows, de-identified\./);
  });
});
