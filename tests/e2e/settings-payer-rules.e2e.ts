/**
 * Settings › Payers (payer rule sets: a payer pointed at one, edited with a refusal beside its
 * field, "Template — confirm with the payer" until the confirmation is recorded) and Settings ›
 * Staff (the ordering provider's NPI, its check digit refused in words), which the
 * authorization request page then shows.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';

/** The message put beside an input: the first id its aria-describedby names. */
async function errorBeside(page: Page, input: Locator): Promise<Locator> {
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = await input.getAttribute('aria-describedby');
  expect(ids, 'the input points at its error').toBeTruthy();
  return page.locator(`[id="${ids!.split(' ')[0]}"]`);
}

/**
 * Put Cigna back to its template, unconfirmed (the e2e clinic is shared by every spec and a
 * retry): a changed save withdraws a confirmation, then the template itself is saved.
 */
async function cignaAsTemplate(page: Page): Promise<void> {
  const c = await invoke(page, 'payerRules.get', { key: 'cigna' });
  if (c.source === 'template') return;
  const t = c.template!;
  const bumped = await invoke(page, 'payerRules.save', { key: 'cigna', rules: { ...t, clocks: { ...t.clocks, appealDays: t.clocks.appealDays + 1 } }, expectedVersion: c.version });
  await invoke(page, 'payerRules.save', { key: 'cigna', rules: t, expectedVersion: bumped.version });
}

test.describe('Settings: payer rule sets and provider NPIs', () => {
  test('a payer uses a rule set; the rule set is edited (a bad clock refused beside it) and confirmed with the payer', async ({ page }) => {
    test.setTimeout(90_000);
    const payerName = `Blue Lake ${uniqueSurname('h')}`;
    await openApp(page);
    await cignaAsTemplate(page);
    await page.goto('/#/settings/payers');
    const payersPanel = page.getByRole('region', { name: 'Payers', exact: true });
    await payersPanel.getByLabel('Payer name').fill(payerName);
    await payersPanel.getByRole('button', { name: 'Add payer' }).click();
    await expect(payersPanel.getByRole('row', { name: new RegExp(payerName) })).toBeVisible();

    // The payer's details are corrected in place: a blank name is refused beside the field, then the phone is saved.
    await payersPanel.getByRole('button', { name: `Edit ${payerName}` }).click();
    const edit = payersPanel.getByRole('form', { name: `Edit ${payerName}` });
    await edit.getByLabel('Payer name').fill('');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByText('Enter the payer name.')).toBeVisible();
    await expect(edit.getByLabel('Payer name')).toBeFocused();
    await edit.getByLabel('Payer name').fill(payerName);
    await edit.getByLabel('Payer phone').fill('1-800-555-0142');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(payersPanel.getByText(`${payerName} saved.`)).toBeVisible();
    await expect(edit).toHaveCount(0);
    await expect(payersPanel.getByRole('row', { name: new RegExp(payerName) })).toContainText('1-800-555-0142');

    // A name that says nothing about the payer falls back to "Other payer" until someone chooses.
    const choice = payersPanel.getByLabel(`Rule set for ${payerName}`);
    await expect(choice.locator('option:checked')).toHaveText(/\(from the name\)/);
    await choice.selectOption({ label: 'Medicaid' });
    await expect(payersPanel.getByText(`${payerName} uses the Medicaid rule set`)).toBeVisible();

    const sets = page.getByRole('region', { name: 'Payer rule sets' });
    const medicaid = sets.getByRole('row', { name: /^Medicaid/ });
    await expect(medicaid).toContainText(payerName);
    const cigna = sets.getByRole('row', { name: /^Cigna/ });
    await expect(cigna).toContainText('Template — confirm with the payer');
    await page.screenshot({ path: `${SHOTS}/S-payers.png`, fullPage: true });

    await cigna.getByRole('button', { name: 'Edit Cigna Healthcare' }).click();
    const editor = page.getByRole('region', { name: 'Cigna Healthcare: payer rule set' });
    const state = editor.locator('.rule-status');
    await expect(state).toHaveText('Template — confirm with the payer');
    await editor.getByRole('group', { name: 'Evidence for CRPS' }).screenshot({ path: `${SHOTS}/S-rule-evidence.png` });
    const appeal = editor.getByLabel('Appeal (days from the denial)');
    await appeal.fill('0');
    const standard = editor.getByLabel('Standard decision (days)');
    await standard.fill('10');
    await editor.getByRole('button', { name: 'Save rule set' }).click();
    await expect(await errorBeside(page, appeal)).toHaveText('Clocks → appeal (days) must be at least 1.');
    await expect(editor.getByRole('alert').first()).toContainText('The rule set was not saved');
    await expect(appeal).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/S-rule-refused.png`, fullPage: false });
    // Nothing was saved.
    expect((await invoke(page, 'payerRules.get', { key: 'cigna' })).rules.clocks).toMatchObject({ decisionStandardDays: 15, appealDays: 180 });

    await appeal.fill('180');
    // Confirming waits for the change to be saved (what is confirmed is what is saved).
    await expect(editor.getByRole('button', { name: 'Record the confirmation' })).toBeDisabled();
    await editor.getByRole('button', { name: 'Save rule set' }).click();
    await expect(editor.getByRole('status').filter({ hasText: /^Saved\./ })).toBeVisible();
    await expect(state).toHaveText('Template — confirm with the payer');
    const saved = await invoke(page, 'payerRules.get', { key: 'cigna' });
    expect(saved).toMatchObject({ source: 'clinic', confirmed: false });
    expect(saved.rules.clocks).toMatchObject({ decisionStandardDays: 10, appealDays: 180 });

    const onField = editor.getByLabel('Confirmed with the payer on');
    const on = await onField.inputValue();
    expect(on).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await onField.fill('13/45/2026');
    await editor.getByRole('button', { name: 'Record the confirmation' }).click();
    await expect(await errorBeside(page, onField)).toHaveText('Enter the date it was confirmed with the payer as MM/DD/YYYY, for example 03/07/2024.');
    await expect(state).toHaveText('Template — confirm with the payer');
    await onField.fill(on);
    await editor.getByRole('button', { name: 'Record the confirmation' }).click();
    await expect(state).toHaveText(`Confirmed with the payer on ${on} by Eve Admin`);
    await page.screenshot({ path: `${SHOTS}/S-rule-confirmed.png`, fullPage: false });

    await editor.getByRole('button', { name: 'Back to the rule sets' }).click();
    await expect(sets.getByRole('row', { name: /^Cigna/ })).toContainText(`Confirmed with the payer on ${on} by Eve Admin`);
    // Other specs share this clinic: Cigna goes back to its template's clocks.
    await cignaAsTemplate(page);
  });

  test('a provider’s NPI: a mistyped check digit is refused in words; the request page shows the saved NPI', async ({ page }) => {
    test.setTimeout(90_000);
    const name = `Dr. Mara ${uniqueSurname('Q')}`;
    await openApp(page, '/settings/staff');
    const staff = page.getByRole('region', { name: 'Staff', exact: true });
    await staff.getByLabel('Staff name').fill(name);
    await staff.getByLabel('Role').selectOption({ label: 'Anesthesiologist' });
    const npi = staff.getByLabel('NPI (providers)');
    await npi.fill('1234567890');
    await staff.getByRole('button', { name: 'Add staff member' }).click();
    await expect(await errorBeside(page, npi)).toHaveText('This NPI’s check digit (the last one) does not match: it is probably mistyped. Check it on NPPES.');
    await expect(npi).toBeFocused();
    await expect(staff.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/S-staff-npi-refused.png`, fullPage: false });

    await npi.fill('1234-567-893');
    await staff.getByRole('button', { name: 'Add staff member' }).click();
    const row = staff.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('1234567893');

    // Changed in place on the row; a short number is refused beside its input.
    await row.getByRole('button', { name: `Change NPI for ${name}` }).click();
    const inRow = row.getByLabel(`NPI for ${name}`);
    await inRow.fill('12345');
    await row.getByRole('button', { name: 'Save NPI' }).click();
    await expect(await errorBeside(page, inRow)).toHaveText('An NPI has 10 digits; this one has 5.');
    await inRow.fill('1245319599');
    await row.getByRole('button', { name: 'Save NPI' }).click();
    await expect(row).toContainText('1245319599');
    await page.screenshot({ path: `${SHOTS}/S-staff-npi.png`, fullPage: false });

    // The authorization request names its ordering provider with that NPI.
    const members = await invoke(page, 'staff.list', {});
    const provider = members.find((m) => m.name === name)!;
    const patient = await invoke(page, 'patients.create', {
      firstName: 'Noor',
      lastName: uniqueSurname('Npi'),
      dateOfBirth: '1979-05-02',
      sex: 'female',
      phone: '(312) 555-0199',
      preferredContact: 'phone',
    });
    const payer = await invoke(page, 'payers.create', { name: `Payer ${uniqueSurname('n')}` });
    const auth = await invoke(page, 'authorizations.createRequest', { patientId: patient.id, payerId: payer.id, orderingProviderId: provider.id, requestedSessions: 6 });
    await page.goto(`/#/authorizations/${auth.id}`);
    await expect(page.getByText(`${name} · NPI 1245319599`)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('NPI not recorded')).toHaveCount(0);
  });
});
