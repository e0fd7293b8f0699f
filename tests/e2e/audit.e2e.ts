import { E2E_ADMIN, expect, invoke, openApp, test, uniqueSurname } from './fixtures';

test.describe('The audit trail, as an administrator reads it', () => {
  test('a chart opened shows on the audit screen for that patient, by the signed-in person, with the chain intact', async ({ page }) => {
    const surname = uniqueSurname('Auditado');
    const patient = await invoke(page, 'patients.create', {
      firstName: 'Inés',
      lastName: surname,
      dateOfBirth: '1979-06-02',
      sex: 'female',
      preferredContact: 'none',
    });

    // Open the chart through the screen.
    await openApp(page, `/patients/${patient.id}`);
    await expect(page.getByRole('heading', { name: new RegExp(surname) })).toBeVisible();

    // The audit screen, from the navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Audit trail check' })).toContainText('The audit trail is intact.');

    // Only this patient: found by name.
    await page.getByRole('searchbox', { name: 'Patient' }).fill(surname.toLowerCase());
    await page.getByRole('list', { name: /Patients matching/ }).getByRole('button', { name: new RegExp(`${surname}, Inés`) }).click();
    await expect(page.getByText(new RegExp(`${surname}, Inés · born`))).toBeVisible();
    const opened = page.getByRole('row').filter({ hasText: 'Chart opened' });
    await expect(opened).toHaveCount(1);
    await expect(opened).toContainText(E2E_ADMIN.displayName);
    await expect(opened).toContainText('Administrator');
    await expect(opened).toContainText(`${surname}, Inés`);
    await expect(opened).toContainText('patients.get');
    // The patient registered through the API is there too, as a change.
    await expect(page.getByRole('row').filter({ hasText: 'patients.create' })).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('audit-trail.png'), fullPage: true });

    // The same events as CSV.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^audit-trail-patient-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(page.getByRole('status').filter({ hasText: /2 events/ })).toBeVisible();
  });
});
