import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * The request package section of the request page, in the browser: build the package from a
 * CRPS chart, type over a paragraph, enclose a record, download the draft PDF and read it back,
 * file it, and find the filed PDF on the chart; a record that cannot be enclosed says why.
 */

async function crpsChart(page: Page, surname: string): Promise<string> {
  const { id: patientId } = await invoke(page, 'patients.create', {
    firstName: 'Odile',
    lastName: surname,
    dateOfBirth: '1981-05-14',
    sex: 'female',
    phone: '5125550142',
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
  await invoke(page, 'scores.record', { patientId, instrument: 'nrs', value: 8, observedAt: Date.parse('2025-11-20T15:00:00Z') });
  return patientId;
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

test.describe('Request package', () => {
  test('built from the chart, edited, previewed, filed on the chart', async ({ page }) => {
    test.setTimeout(180_000);
    const surname = uniqueSurname('Pkg');
    const payer = await invoke(page, 'payers.create', { name: `Aetna ${surname}` });
    const patientId = await crpsChart(page, surname);
    await invoke(page, 'patients.addCoverage', { patientId, fields: { payerId: payer.id, memberId: 'W555000111', groupNumber: 'GRP-9', priority: 'primary' } });
    const doctor = await invoke(page, 'staff.create', { name: `Dr. Ilse ${surname}`, role: 'anesthesiologist' });
    // A PDF record on the chart to enclose (nothing in the letter cites it, so it starts unticked).
    const summary = await invoke(page, 'documents.generateIntakeSummary', { patientId });
    const coverage = (await invoke(page, 'patients.get', { id: patientId })).coverages[0]!;
    const auth = await invoke(page, 'authorizations.createRequest', {
      patientId,
      coverageId: coverage.id,
      diagnosisGroup: 'crps',
      orderingProviderId: doctor.id,
      requestedSessions: 6,
      requestedStartDate: '2027-01-04',
      requestedEndDate: '2027-01-29',
      serviceLines: [{ code: '96365', system: 'CPT', unitsPerSession: 1 }],
    });

    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/authorizations/${auth.id}`);
    const section = page.getByRole('region', { name: 'Request package' });
    await expect(section).toContainText('No package yet.');
    await section.getByRole('button', { name: 'Build the package from the chart' }).click();
    await expect(section.getByRole('status')).toHaveText('Package drafted from the chart');

    // The letter written from the chart, paragraph by paragraph, each a labelled text box.
    const budapest = section.getByLabel('Budapest criteria');
    await expect(budapest).toHaveValue(/Evaluated on 10\/01\/2025 by Dr. Priya Natarajan: clinical criteria met/);
    await expect(section.getByLabel('Treatments tried and failed')).toHaveValue(/Physical therapy, graded motor imagery.*02\/10\/2025 to 06\/30\/2025; failed/);
    const warnings = section.getByRole('note', { name: 'Before filing' });
    await expect(warnings).toContainText('No records are enclosed');
    await page.screenshot({ path: '/tmp/k-package-draft.png', fullPage: true });

    // Type over the conclusion and save it.
    const closing = section.getByLabel('Conclusion');
    await closing.fill('Ms. Odile needs this series: "every other option has failed" <see enclosures>.');
    await expect(section.getByText('Not saved', { exact: true })).toBeVisible();
    await section.getByRole('button', { name: 'Save the letter' }).click();
    await expect(section.getByRole('status')).toHaveText('Letter saved');
    await expect(section.getByText('Typed over', { exact: true })).toBeVisible();

    // Enclose the intake summary: it becomes Enclosure 1 and the warning goes.
    const box = section.getByRole('checkbox', { name: new RegExp(summary.title) });
    // Saved through the backend before it shows ticked (a click, then the saved state).
    await box.click();
    await expect(section.getByText(`Enclosure 1: ${summary.title}`)).toBeVisible();
    await expect(warnings).not.toContainText('No records are enclosed');
    await expect(box).toBeChecked();

    // The draft PDF: the typed words, then the record's own pages.
    const [draftDownload] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download the draft PDF' }).click()]);
    expect(draftDownload.suggestedFilename()).toBe(`Prior-authorization-package-${surname}-DRAFT.pdf`);
    const draftText = pdfText(await draftDownload.path());
    expect(draftText).toContain('Ms. Odile needs this series: "every other option has failed" <see enclosures>.');
    expect(draftText).toContain('member ID W555000111');
    expect(draftText).toContain(`Intake summary: ${surname}, Odile`);
    expect(draftText).toContain('Budapest');

    // Filing asks first, then files the PDF on the chart; the draft is gone and the filed one listed.
    await section.getByRole('button', { name: 'File the package…' }).click();
    await expect(section.getByRole('group', { name: 'File the package' })).toContainText('can no longer be changed');
    await page.screenshot({ path: '/tmp/k-package-confirm.png' });
    await section.getByRole('button', { name: 'File it now' }).click();
    await expect(section.getByRole('status')).toHaveText(/Package filed on the chart: \d+ pages/);
    await expect(section.getByTestId('package-draft')).toHaveCount(0);
    const filed = section.getByRole('list', { name: 'Filed packages' }).getByRole('listitem');
    await expect(filed).toHaveCount(1);
    await expect(filed).toContainText('1 record enclosed');
    await expect(section.getByRole('button', { name: 'Build a new package from the chart' })).toBeVisible();
    await page.screenshot({ path: '/tmp/k-package-filed.png', fullPage: true });

    const [filedDownload] = await Promise.all([page.waitForEvent('download'), filed.getByRole('button', { name: 'Download the filed PDF' }).click()]);
    expect(filedDownload.suggestedFilename()).toBe(`Prior-authorization-package-${surname}.pdf`);
    expect(pdfText(await filedDownload.path())).toContain('Ms. Odile needs this series');
    const docs = await invoke(page, 'documents.listForPatient', { patientId });
    expect(docs.map((d) => d.title)).toContainEqual(expect.stringMatching(new RegExp(`^Prior authorization request package for Aetna ${surname} \\(\\d+ pages\\)$`)));

    // On the chart, the filed package is a document like any other.
    await filed.getByRole('link', { name: 'In the patient’s documents' }).click();
    await expect(page.getByRole('region', { name: 'Documents' })).toContainText(`Prior authorization request package for Aetna ${surname}`);
  });
});
