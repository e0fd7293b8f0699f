import { expect, openApp, test, uniqueSurname } from './fixtures';

test.describe('Patients, as the front desk uses them', () => {
  test('create a patient, reload, and find them by part of the name and by date of birth', async ({ page }) => {
    const surname = uniqueSurname('Quintero');
    await openApp(page, '/patients');
    await page.getByRole('button', { name: 'New patient' }).click();
    await page.getByLabel('First name').fill('Marisol');
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel('Date of birth').fill('04/19/1971');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Phone').fill('(312) 555-0188');
    await page.getByLabel('Email').fill('marisol@example.com');
    await page.getByLabel('Preferred contact').selectOption('sms');
    await page.getByRole('button', { name: 'Save patient' }).click();

    // The patient's page shows what was saved.
    await expect(page.getByRole('heading', { name: new RegExp(surname) })).toBeVisible();
    await expect(page.getByText('04/19/1971')).toBeVisible();
    await expect(page.getByText('(312) 555-0188')).toBeVisible();

    // Saved for real: after a reload the search finds them by the start of the surname...
    await page.reload();
    await page.goto('/#/patients');
    const search = page.getByLabel('Search patients');
    await search.fill(surname.slice(0, 11).toLowerCase());
    const row = page.getByRole('row', { name: new RegExp(surname) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Marisol');

    // ...and by date of birth typed the US way, narrowed by first name.
    await search.fill('marisol 04/19/1971');
    await expect(page.getByRole('row', { name: new RegExp(surname) })).toBeVisible();

    // Opening the row shows the patient.
    await page.getByRole('row', { name: new RegExp(surname) }).click();
    await expect(page.getByRole('heading', { name: new RegExp(surname) })).toBeVisible();
  });

  test('a date of birth in the future is refused beside the field and nothing is saved', async ({ page }) => {
    const surname = uniqueSurname('Futuro');
    await openApp(page, '/patients');
    await page.getByRole('button', { name: 'New patient' }).click();
    await page.getByLabel('First name').fill('Tomas');
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel('Date of birth').fill('01/15/2099');
    await page.getByLabel('Sex').selectOption('male');
    await page.getByLabel('Preferred contact').selectOption('none');
    await page.getByRole('button', { name: 'Save patient' }).click();

    const dob = page.getByLabel('Date of birth');
    await expect(dob).toHaveAttribute('aria-invalid', 'true');
    const errorId = await dob.getAttribute('aria-describedby');
    expect(errorId, 'the date of birth input points at its error').toBeTruthy();
    await expect(page.locator(`[id="${errorId!.split(' ')[0]}"]`)).toHaveText(/cannot be in the future/i);

    // Nothing was saved: the search does not know the name.
    await page.goto('/#/patients');
    await page.getByLabel('Search patients').fill(surname.toLowerCase());
    await expect(page.getByText(/no patients match/i)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(surname) })).toHaveCount(0);
  });

  test('the backend\'s own checks reach the screen beside the field', async ({ page }) => {
    await openApp(page, '/patients');
    await page.getByRole('button', { name: 'New patient' }).click();
    await page.getByLabel('First name').fill('Nadia');
    await page.getByLabel('Last name').fill(uniqueSurname('Checks'));
    await page.getByLabel('Date of birth').fill('1980-02-02');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Email').fill('nadia@');
    await page.getByLabel('Preferred contact').selectOption('none');
    await page.getByRole('button', { name: 'Save patient' }).click();
    const email = page.getByLabel('Email');
    // The answer comes back from the backend: wait for the field to be marked before reading it.
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    const errorId = (await email.getAttribute('aria-describedby'))!.split(' ')[0];
    await expect(page.locator(`[id="${errorId}"]`)).toHaveText(/e-mail address/i);
  });
});
