import type { Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * The decisions report on the Authorizations workspace, in the browser: one payer with two
 * decisions today (one denied citing a reason and a policy, one approved whose last day is in the period)
 * reads 2 decided, 1 denied, 50% on its own row; the reason and the policy are listed; the
 * approval ending in the period links to its request; a bad date is refused beside its field and
 * leaves the report as it was; the CSV downloads. The e2e clinic is shared with other specs, so
 * everything is asserted on this payer's rows, never on totals.
 */

// UTC dates one day back: on or before the clinic's today in any zone, so inside the default period.
const isoDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function patientWithCoverage(page: Page, payerId: string, surname: string, first: string) {
  const { id: patientId } = await invoke(page, 'patients.create', {
    firstName: first,
    lastName: surname,
    dateOfBirth: '1979-09-14',
    sex: 'female',
    phone: '5125550142',
    preferredContact: 'phone',
  });
  await invoke(page, 'intake.addDiagnosis', { patientId, fields: { code: 'G90.512', onsetDate: '2024-02-01' } });
  const coverage = await invoke(page, 'patients.addCoverage', { patientId, fields: { payerId, memberId: `RP-${first}`, groupNumber: 'G-2', priority: 'primary' } });
  return { patientId, coverageId: coverage.id };
}

test.describe('Authorizations decisions report', () => {
  test('a payer’s denial rate, reasons, policies, approvals ending, and the CSV', async ({ page }) => {
    test.setTimeout(120_000);
    const surname = uniqueSurname('Report');
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page);
    const payer = await invoke(page, 'payers.create', { name: `Juniper Health ${surname}` });
    const doctor = await invoke(page, 'staff.create', { name: `Dr. Rhea ${surname}, MD`, role: 'anesthesiologist' });
    const reason = `Step therapy not met ${surname}`;
    const policy = `JH-TRD-${surname}`;

    const request = async (first: string) => {
      const { patientId, coverageId } = await patientWithCoverage(page, payer.id, surname, first);
      const auth = await invoke(page, 'authorizations.createRequest', {
        patientId,
        coverageId,
        diagnosisGroup: 'crps',
        requestedSessions: 6,
        requestedStartDate: isoDaysAgo(20),
        requestedEndDate: isoDaysAgo(1),
        serviceLines: [{ code: '96365', system: 'CPT', unitsPerSession: 1 }],
        orderingProviderId: doctor.id,
      });
      await invoke(page, 'authorizations.changeStatus', { id: auth.id, to: 'submitted', at: Date.now() - 5 * 86_400_000, referenceNumber: `REF-${first}`, patch: { submissionRoute: 'fax' } });
      return auth;
    };

    const denied = await request('Mara');
    await invoke(page, 'authorizations.changeStatus', {
      id: denied.id,
      to: 'denied',
      patch: { denialDate: isoDaysAgo(1), denialReason: reason, denialPolicy: policy },
    });
    const approved = await request('Lena');
    await invoke(page, 'authorizations.changeStatus', {
      id: approved.id,
      to: 'approved',
      patch: { authNumber: `JH-${surname}`, approvedSessions: 6, startDate: isoDaysAgo(20), endDate: isoDaysAgo(1) },
    });

    await page.goto('/#/authorizations');
    const report = page.getByRole('region', { name: 'Decisions report' });
    await report.getByRole('button', { name: 'Show report' }).click();
    await expect(report.getByTestId('report-headline')).toContainText('requests decided');

    const row = report.getByTestId('report-payer-row').filter({ hasText: payer.name });
    await expect(row).toHaveCount(1);
    const cells = row.getByRole('cell');
    await expect(cells).toHaveCount(7);
    await expect(cells.nth(0)).toHaveText('2'); // decided
    await expect(cells.nth(1)).toHaveText('1'); // approved
    await expect(cells.nth(2)).toHaveText('0'); // partly approved
    await expect(cells.nth(3)).toHaveText('1'); // denied
    await expect(cells.nth(4)).toHaveText('50%');
    // Days from submission (five days ago) to decision: the API's figures, whole or half days.
    await expect(cells.nth(5)).toHaveText(/^\d+(\.5)?$/);
    await expect(cells.nth(6)).toHaveText(/^\d+$/);

    await expect(report.getByTestId('report-reasons').getByRole('row', { name: new RegExp(reason) })).toContainText('1');
    await expect(report.getByTestId('report-policies').getByRole('row', { name: new RegExp(policy) })).toContainText('1');

    const ending = report.getByTestId('report-expiring-row').filter({ hasText: `JH-${surname}` });
    await expect(ending).toContainText(payer.name);
    await expect(ending).toContainText('0 used, 0 booked of 6 approved');
    await expect(ending.getByRole('link', { name: `Lena ${surname}` })).toHaveAttribute('href', `#/authorizations/${approved.id}`);

    // The panel from its heading down (the app's header stays on top of the page).
    await report.evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -90);
    });
    await page.screenshot({ path: '/tmp/report-panel.png' });

    // A bad date: refused beside its field; the report on screen stays as it was.
    await report.getByLabel('Report from').fill('13/45/2026');
    await report.getByRole('button', { name: 'Show report' }).click();
    await expect(report.getByText('Enter the first day of the period as MM/DD/YYYY')).toBeVisible();
    await expect(cells.nth(4)).toHaveText('50%');
    // The last day before the first: the API's refusal, beside the last day's field.
    await report.getByLabel('Report from').fill('12/31/2099');
    await report.getByRole('button', { name: 'Show report' }).click();
    await expect(report.getByText('The last day of the period is before its first day.')).toBeVisible();
    await expect(row).toHaveCount(1);

    // Two days ago (in UTC; the clinic's today is at least yesterday in UTC) holds both decisions.
    const from = isoDaysAgo(2);
    await report.getByLabel('Report from').fill(`${from.slice(5, 7)}/${from.slice(8, 10)}/${from.slice(0, 4)}`);
    const csv = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Download decisions report (CSV)' }).click();
    const file = await csv;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    await expect(report).toContainText('Report downloaded');
    const text = await (await file.createReadStream()).toArray();
    expect(Buffer.concat(text).toString('utf8')).toContain(policy);
  });
});
