import { expect, openApp, test } from './fixtures';

/**
 * Settings › Reminders: the default templates are there, a template with a misspelt
 * placeholder is refused with the placeholder named beside the message, and the clinic's
 * address and phone for reminders are saved.
 */
test('edit a reminder template, see a bad placeholder refused, set the clinic details', async ({ page }) => {
  await openApp(page, '/settings/reminders');
  const area = page.getByRole('region', { name: 'Reminders', exact: true });
  await area.scrollIntoViewIfNeeded();
  const templates = area.getByRole('region', { name: 'Reminder templates' });
  await expect(templates.getByRole('row', { name: /48 hours before/ })).toContainText('48 hours (2 days) before');
  await expect(templates.getByRole('row', { name: /The evening before/ })).toContainText('The day before at 18:00');

  await templates.getByRole('button', { name: 'Edit 48 hours before' }).click();
  const form = templates.getByRole('form', { name: 'Edit 48 hours before' });
  const message = form.getByLabel('Message');
  await message.fill('Hello {firstName}, please arrive by {arivalTime} on {date}.');
  // The preview warns as you type...
  await expect(form.getByText(/Check the message: \{arivalTime\} is not a placeholder/)).toBeVisible();
  await form.getByRole('button', { name: 'Save reminder' }).click();
  // ...and the backend's refusal shows beside the message, naming the placeholder.
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('{arivalTime} is not a placeholder the app knows. Did you mean {arrivalTime}?', { exact: true })).toBeVisible();
  await message.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/reminders-template-error.png' });

  // Inserting the right placeholder from the list fixes it.
  await message.fill('Hello {firstName}, please arrive by  on {date}. {driverRequirement}');
  // The cursor between the two spaces after "by".
  await message.evaluate((el: HTMLTextAreaElement) => {
    const at = el.value.indexOf('by  ') + 3;
    el.setSelectionRange(at, at);
  });
  await form.getByRole('button', { name: '{arrivalTime}' }).click();
  await expect(message).toHaveValue('Hello {firstName}, please arrive by {arrivalTime} on {date}. {driverRequirement}');
  await expect(form.getByText('Hello Ana, please arrive by 9:45 AM on Monday, December 7. A responsible adult must drive you home.')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/reminders-template-form.png', fullPage: false });
  await form.getByRole('button', { name: 'Save reminder' }).click();
  await expect(templates.getByText('48 hours before saved')).toBeVisible();
  await expect(templates.getByRole('row', { name: /48 hours before/ })).toContainText('please arrive by {arrivalTime}');

  const details = area.getByRole('region', { name: 'What reminders tell patients' });
  await details.getByLabel('Clinic phone for patients').fill('555');
  await details.getByRole('button', { name: 'Save reminder details' }).click();
  await expect(details.getByText('Enter the clinic phone as a full number, such as (312) 555-0100.')).toBeVisible();
  await details.getByLabel('Clinic address, as patients should read it').fill('1200 Lake Shore Dr, Suite 300, Chicago, IL 60611');
  await details.getByLabel('Clinic phone for patients').fill('312 555 0100');
  await details.getByRole('button', { name: 'Save reminder details' }).click();
  await expect(details.getByText(/^Saved/)).toBeVisible();
  await expect(details.getByLabel('Clinic phone for patients')).toHaveValue('(312) 555-0100');
  await area.screenshot({ path: '/tmp/shots/reminders-settings.png' });
});
