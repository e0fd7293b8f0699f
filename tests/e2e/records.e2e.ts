/**
 * Prior records end to end, as the front desk meets them: a folder added under Settings →
 * Watched folders (a wrong path refused beside the field), a faxed nerve block report (a
 * real text PDF naming a patient's MRN) dropped into it, the file in the Documents inbox
 * with its suggested patient, the reason and its type, confirmed for that patient, found by
 * a word from its body with the word highlighted, and listed on the patient's chart.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

async function textPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 720 - i * 18, size: 12, font }));
  return doc.save();
}

test.describe('Prior records from a watched folder', () => {
  let folder = '';
  test.beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'desk-records-e2e-'));
  });
  test.afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('a faxed report appears in the inbox with its suggested patient and type, is confirmed, and is found by a word in it', async ({ page }) => {
    test.setTimeout(120_000);
    // The patient the fax is about (set-up, not what is tested).
    await openApp(page);
    const surname = uniqueSurname('Halvorsen');
    const patient = await invoke(page, 'patients.create', {
      firstName: 'Ingrid',
      lastName: surname,
      dateOfBirth: '1974-09-21',
      sex: 'female',
      phone: '6085550177',
      preferredContact: 'phone',
    } as never);
    expect(patient.mrn, 'the clinic gave the patient an MRN').toBeTruthy();

    // --- Settings → Watched folders --------------------------------------------------------
    await page.goto('/#/settings/records');
    const section = page.getByRole('region', { name: 'Watched folders' });
    await expect(section).toContainText('No folders are watched yet');
    const path = section.getByLabel('Folder', { exact: true });
    // A folder that does not exist is refused, in words, beside the field.
    await path.fill(join(folder, 'not-there'));
    await section.getByRole('button', { name: 'Watch folder' }).click();
    await expect(path).toHaveAttribute('aria-invalid', 'true');
    const errorId = (await path.getAttribute('aria-describedby'))!.split(' ')[0]!;
    await expect(page.locator(`[id="${errorId}"]`)).not.toBeEmpty();
    await expect(section.locator('.records-folder')).toHaveCount(0);

    await path.fill(folder);
    await section.getByLabel('Wait before reading (seconds)').fill('1');
    await section.getByRole('button', { name: 'Watch folder' }).click();
    const row = section.getByRole('listitem', { name: folder });
    await expect(row).toBeVisible();
    await expect(row).toContainText('read after 1 s unchanged');
    await expect(row.getByText('Watching')).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/records-settings.png', fullPage: false });

    // --- A fax lands in the folder ---------------------------------------------------------
    const bodyWord = `Quillfeather${surname.slice(-6)}`;
    const fileName = `fax-${surname}.pdf`;
    writeFileSync(
      join(folder, fileName),
      await textPdf([
        'Lakeside Pain Associates - Procedure Report',
        `Patient MRN: ${patient.mrn}`,
        'Procedure: right stellate ganglion block under fluoroscopy.',
        'Sympathetic block with 0.25% bupivacaine; temporary relief of allodynia.',
        `Referred by Dr. ${bodyWord} for ketamine infusion evaluation.`,
      ]),
    );

    // --- Documents: the inbox --------------------------------------------------------------
    await page.goto('/#/documents');
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
    const inbox = page.getByRole('region', { name: 'Records inbox' });
    const item = inbox.getByRole('listitem', { name: fileName });
    await expect(item).toBeVisible({ timeout: 60_000 });
    // Its suggested patient and why, and the type with the rule that fired.
    await expect(item).toContainText('Suggested patient');
    await expect(item).toContainText(`${surname}, Ingrid`);
    await expect(item).toContainText(`MRN ${patient.mrn} on page 1`);
    await expect(item).toContainText('Nerve block report');
    await expect(item).toContainText(/Rule .*Nerve block report/);
    const progress = page.getByTestId('records-progress');
    await expect(progress).toContainText(/1\s*done/);
    await expect(progress).toContainText(/0\s*queued/);
    await expect(progress).toContainText(/0\s*failed/);

    await item.getByRole('button', { name: fileName }).click();
    const review = page.getByRole('article', { name: `Review ${fileName}` });
    await expect(review.getByRole('region', { name: 'Text read from the file' })).toContainText('stellate ganglion block under fluoroscopy');
    await expect(review.getByLabel('Type')).toHaveValue('nerve_block_report');
    await page.screenshot({ path: '/tmp/shots/records-inbox.png', fullPage: true });

    await review.getByRole('button', { name: `Confirm for ${surname}, Ingrid` }).click();
    await expect(review.getByRole('status')).toContainText(`Confirmed for ${surname}, Ingrid`);
    await expect(review).toContainText(`Attached to ${surname}, Ingrid`);
    await expect(review.getByRole('button', { name: /^Confirm for/ })).toHaveCount(0);
    // Decided, so it leaves the records to review.
    await expect(inbox.getByRole('listitem', { name: fileName })).toHaveCount(0);
    await expect(inbox.getByRole('tab', { name: /To review/ })).toHaveText('To review (0)');

    // --- A note naming nobody: a person chooses the patient --------------------------------
    const ptName = `pt-note-${surname}.pdf`;
    const ptBytes = await textPdf([
      'Physical therapy progress note',
      'Therapeutic exercise and manual therapy, three visits.',
      'Range of motion of the right wrist improved.',
    ]);
    writeFileSync(join(folder, ptName), ptBytes);
    const ptItem = inbox.getByRole('listitem', { name: ptName });
    await expect(ptItem).toBeVisible({ timeout: 60_000 });
    await expect(ptItem).toContainText('No patient found');
    await expect(ptItem).toContainText('Physical therapy note');
    await ptItem.getByRole('button', { name: ptName }).click();
    const ptReview = page.getByRole('article', { name: `Review ${ptName}` });
    await expect(ptReview).toContainText('No patient was found in the text');
    await expect(ptReview.getByRole('button', { name: 'Choose a patient to confirm' })).toBeDisabled();
    await ptReview.getByLabel('Choose another patient').fill(surname);
    await ptReview.getByRole('button', { name: `${surname}, Ingrid · born 09/21/1974 · MRN ${patient.mrn}` }).click();
    await expect(ptReview).toContainText(`Chosen: ${surname}, Ingrid`);
    await ptReview.getByRole('button', { name: `Confirm for ${surname}, Ingrid` }).click();
    await expect(ptReview).toContainText(`Attached to ${surname}, Ingrid`);
    await expect(inbox.getByRole('listitem', { name: ptName })).toHaveCount(0);

    // --- A file that cannot be read is listed with the reason -------------------------------
    const emptyName = `empty-${surname}.pdf`;
    writeFileSync(join(folder, emptyName), '');
    const failedTab = inbox.getByRole('tab', { name: /Could not be read/ });
    await expect(failedTab).toHaveText('Could not be read (1)', { timeout: 60_000 });
    await failedTab.click();
    const failed = inbox.getByRole('listitem', { name: emptyName });
    await expect(failed).toContainText('Could not be read');
    await expect(failed.locator('.error-text')).not.toBeEmpty();
    await expect(progress).toContainText(/1\s*failed/);
    // Junk can be rejected out of the inbox, and brought back.
    await failed.getByRole('button', { name: emptyName }).click();
    const emptyReview = page.getByRole('article', { name: `Review ${emptyName}` });
    await expect(emptyReview).toContainText('Nothing could be read from this file.');
    await emptyReview.getByRole('button', { name: 'Reject', exact: true }).click();
    await emptyReview.getByLabel('Why (optional)').fill('blank fax');
    await emptyReview.getByRole('button', { name: 'Reject this record' }).click();
    await expect(failedTab).toHaveText('Could not be read (0)');
    await expect(emptyReview.locator('.badge', { hasText: 'Rejected' })).toBeVisible();
    await emptyReview.getByRole('button', { name: 'Back to the inbox' }).click();
    await expect(failedTab).toHaveText('Could not be read (1)');
    await inbox.getByRole('tab', { name: /To review/ }).click();

    // --- Search by a word from its body ----------------------------------------------------
    const search = page.getByRole('region', { name: 'Search records' });
    await search.getByLabel('Words to find').fill(bodyWord.toLowerCase());
    await search.getByRole('button', { name: 'Search' }).click();
    const hit = search.getByRole('listitem', { name: fileName });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark')).toHaveText([bodyWord]);
    await expect(hit).toContainText(`${surname}, Ingrid`);
    await expect(hit).toContainText('Confirmed');
    await expect(search.getByRole('status')).toHaveText('1 record found.');
    // The type filter narrows: no payer letter carries the word.
    await search.getByLabel('Type').selectOption('payer_letter');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(search).toContainText(`No record contains “${bodyWord.toLowerCase()}”`);
    await search.getByLabel('Type').selectOption('nerve_block_report');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(search.getByRole('listitem', { name: fileName })).toBeVisible();
    // Dates the wrong way round are refused beside the field.
    await search.getByLabel('Received from').fill('2026-12-01');
    await search.getByLabel('Received to').fill('2026-11-01');
    await search.getByRole('button', { name: 'Search' }).click();
    const toBox = search.getByLabel('Received to');
    await expect(toBox).toHaveAttribute('aria-invalid', 'true');
    await expect(search.locator('#records-to-error')).toHaveText('The last date cannot be before the first date.');
    await search.getByLabel('Received from').fill('');
    await search.getByLabel('Received to').fill('');
    // Only this patient's records: a word from the therapy note finds it and not the other.
    await search.getByLabel('Type').selectOption('');
    await search.getByLabel('Only this patient’s records (optional)').fill(surname);
    await search.getByRole('button', { name: `${surname}, Ingrid · born 09/21/1974 · MRN ${patient.mrn}` }).click();
    await expect(search).toContainText(`Only records of ${surname}, Ingrid`);
    await search.getByLabel('Words to find').fill('wrist');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(search.getByRole('listitem', { name: ptName })).toBeVisible();
    await expect(search.getByRole('listitem', { name: fileName })).toHaveCount(0);
    await expect(search.getByRole('listitem', { name: ptName }).locator('mark')).toHaveText(['wrist']);
    await page.screenshot({ path: '/tmp/shots/records-search.png', fullPage: true });

    // Opening the original saves the very file.
    const download = page.waitForEvent('download');
    await search.getByRole('listitem', { name: ptName }).getByRole('button', { name: `Open ${ptName}` }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(ptName);
    expect(Buffer.compare(readFileSync((await saved.path())!), Buffer.from(ptBytes)), 'the same bytes as the file in the folder').toBe(0);

    // --- The patient's chart lists it by type ----------------------------------------------
    await page.goto(`/#/patients/${patient.id}`);
    const chart = page.getByRole('region', { name: 'Prior records' });
    await expect(chart.getByRole('region', { name: 'Nerve block report' })).toContainText(fileName);
    await expect(chart.getByRole('region', { name: 'Physical therapy note' })).toContainText(ptName);
    await expect(chart.getByRole('region', { name: 'Nerve block report' })).not.toContainText(ptName);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots/records-chart.png' });

    // --- The intake's prior-treatment entry cites the report ---------------------------------
    const block = await invoke(page, 'intake.addTreatment', {
      patientId: patient.id,
      fields: { kind: 'nerve_block', name: 'Stellate ganglion block', outcome: 'failed' },
    } as never);
    await page.reload();
    const cite = page.getByLabel('Prior record for Stellate ganglion block');
    await cite.selectOption({ label: `Nerve block report: ${fileName}` });
    await expect
      .poll(async () => (await invoke(page, 'intake.get', { patientId: patient.id })).priorTreatments.find((t) => t.id === block.id)?.documentId ?? null)
      .not.toBeNull();
    await expect(cite.locator('option:checked')).toHaveText(`Nerve block report: ${fileName}`);

    // --- Back in Settings: the folder becomes a polled share, then is no longer watched ----
    await page.goto('/#/settings/records');
    const folders = page.getByRole('region', { name: 'Watched folders' });
    const watched = folders.getByRole('listitem', { name: folder });
    await expect(watched).toContainText('3 files found');
    await watched.getByRole('button', { name: `Edit ${folder}` }).click();
    const editing = folders.getByRole('listitem', { name: `Editing ${folder}` });
    await expect(editing.getByLabel('Folder', { exact: true })).toHaveValue(folder);
    await editing.getByLabel('Network share: check for new files regularly').check();
    await editing.getByLabel('Check every (seconds)').fill('0');
    await editing.getByRole('button', { name: 'Save folder' }).click();
    const every = editing.getByLabel('Check every (seconds)');
    await expect(every).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(`[id="${(await every.getAttribute('aria-describedby'))!.split(' ')[0]}"]`)).toContainText('at least 1 second');
    await page.screenshot({ path: '/tmp/shots/records-settings-error.png' });
    await every.fill('2');
    await editing.getByRole('button', { name: 'Save folder' }).click();
    await expect(watched).toContainText('Checked every 2 s (network share)');
    await watched.getByRole('button', { name: `Remove ${folder}` }).click();
    await watched.getByRole('button', { name: 'Stop watching' }).click();
    await expect(folders.getByRole('listitem', { name: folder })).toHaveCount(0);
    await expect(folders).toContainText('No folders are watched yet');
    // The records found there are kept.
    await page.goto(`/#/patients/${patient.id}`);
    await expect(page.getByRole('region', { name: 'Prior records' })).toContainText(fileName);
  });
});
