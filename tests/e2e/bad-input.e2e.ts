import { expect, openApp, test, uniqueSurname } from './fixtures';

test.describe('Bad input, as the front desk meets it', () => {
  test('a first name with a hidden control character pasted into it is refused beside the field, and nothing is saved', async ({ page }) => {
    const surname = uniqueSurname('Pegado');
    await openApp(page, '/patients');
    await page.getByRole('button', { name: 'New patient' }).click();
    // As pasted from another program: a BEL control character inside the name, invisible on screen.
    await page.getByLabel('First name').fill('Mari\u0007sol');
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel('Date of birth').fill('04/19/1971');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Preferred contact').selectOption('none');
    await page.getByRole('button', { name: 'Save patient' }).click();

    const first = page.getByLabel('First name');
    await expect(first).toHaveAttribute('aria-invalid', 'true');
    const errorId = (await first.getAttribute('aria-describedby'))!.split(' ')[0];
    await expect(page.locator(`[id="${errorId}"]`)).toHaveText(
      'The first name has a hidden control character in it (often from copying and pasting). Type it again.',
    );
    await page.screenshot({ path: '/tmp/d-bad-input-name.png' });

    // Nothing was saved: the search does not know the surname.
    await page.goto('/#/patients');
    await page.getByLabel('Search patients').fill(surname.toLowerCase());
    await expect(page.getByText(/no patients match/i)).toBeVisible();
  });
});
