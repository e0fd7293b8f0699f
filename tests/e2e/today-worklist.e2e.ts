/**
 * Today's "Intakes to complete" a page at a time: 25 rows, the total, and Previous/Next that
 * keep the keyboard's place. Thirty new patients (no intake yet) make sure there is a second page
 * whatever else the shared e2e clinic holds.
 */
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

const count = new Intl.NumberFormat('en-US');

test('the work list shows 25 intakes a page with the total, and pages with the buttons and the keyboard', async ({ page }) => {
  const stem = uniqueSurname('Pager');
  for (let i = 0; i < 30; i++) {
    await invoke(page, 'patients.create', {
      firstName: `Row${String(i).padStart(2, '0')}`,
      lastName: stem,
      dateOfBirth: '1980-02-14',
      sex: 'female',
      phone: '(608) 555-0190',
      preferredContact: 'phone',
    });
  }
  await openApp(page, '/today');
  const list = page.getByRole('region', { name: 'Intakes to complete' });
  const pill = list.getByText(/^[\d,]+ intakes to complete$/);
  await expect(pill).toBeVisible();
  const total = Number((await pill.textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThanOrEqual(30);

  const pager = list.getByRole('group', { name: 'Pages of intakes to complete' });
  const rows = list.locator('tbody').getByRole('row');
  await expect(pager).toContainText(`Showing 1–25 of ${count.format(total)}`);
  await expect(rows).toHaveCount(25);
  const previous = pager.getByRole('button', { name: 'Previous 25' });
  const next = pager.getByRole('button', { name: 'Next 25' });
  await expect(previous).toHaveAttribute('aria-disabled', 'true');
  const firstOnPage1 = await rows.first().getByRole('link').textContent();

  // The keyboard: Enter on "Next 25" shows the next page and leaves the cursor on the button.
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(pager).toContainText(`Showing 26–${count.format(Math.min(50, total))} of ${count.format(total)}`);
  await expect(next).toBeFocused();
  await expect(rows).toHaveCount(Math.min(25, total - 25));
  await expect(rows.first().getByRole('link')).not.toHaveText(firstOnPage1!);
  await previous.click();
  await expect(pager).toContainText(`Showing 1–25 of ${count.format(total)}`);
  await expect(rows.first().getByRole('link')).toHaveText(firstOnPage1!);

  // Every one of the thirty is on exactly one page; on the last page "Next 25" is unavailable and
  // Enter on it keeps the page (and the cursor).
  const seen: string[] = [];
  for (let start = 0; ; start += 25) {
    await expect(pager).toContainText(`Showing ${count.format(start + 1)}–`);
    seen.push(...(await rows.getByRole('link').allTextContents()).filter((t) => t.includes(stem)));
    if (start + 25 >= total) break;
    await next.click();
  }
  expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `${stem}, Row${String(i).padStart(2, '0')}`));
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  const lastRange = await pager.textContent();
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(pager).toHaveText(lastRange!);
  await expect(next).toBeFocused();

  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/h3-today-pager-e2e.png' });
});
