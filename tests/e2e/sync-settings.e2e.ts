import { expect, openApp, test } from './fixtures';

/**
 * Sync without a clinic server: the header says this computer works on its own and leads to
 * Settings › Clinic server; the enrol form says what is missing beside each field; and a plain
 * http address to another computer is refused beside the address before anything is contacted
 * (192.0.2.10 is a documentation address: nothing answers there).
 */
test('the header says "On this computer only" and the enrol form explains what to fix', async ({ page }) => {
  await openApp(page);
  const indicator = page.getByRole('banner').getByRole('link', { name: /On this computer only/ });
  await expect(indicator).toBeVisible();
  await expect(indicator).toContainText('Not linked to a clinic server');
  await page.getByRole('banner').screenshot({ path: '/tmp/shots/sync-indicator-off.png' });

  // The indicator leads to Settings › Clinic server, scrolled into view.
  await indicator.click();
  await expect(page).toHaveURL(/#\/settings\/server$/);
  const section = page.getByRole('region', { name: 'Clinic server' });
  await expect(section.getByRole('heading', { name: 'Clinic server', level: 2 })).toBeInViewport();
  const form = section.getByRole('form', { name: 'Enrol this computer' });
  const address = form.getByLabel('Server address');
  const code = form.getByLabel('Enrolment code');
  const name = form.getByLabel('This computer’s name');
  const insecure = form.getByLabel('Allow an unencrypted (http) connection to another computer');
  await expect(address).toHaveAttribute('placeholder', 'https://clinic-server.local:8443');
  await expect(insecure).not.toBeChecked();

  // Empty: each field says what it needs, beside it.
  await form.getByRole('button', { name: 'Enrol this computer' }).click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/^(⚠ )?Enter the clinic server address\./);
  await expect(code).toHaveAccessibleDescription(/^(⚠ )?Enter the enrolment code\./);
  await expect(name).toHaveAccessibleDescription(/^(⚠ )?Enter this computer's name\./);
  await expect(address).toBeFocused();
  await section.screenshot({ path: '/tmp/shots/sync-enrol-empty.png' });

  // Plain http to another computer, without the checkbox: refused beside the address only.
  await address.fill('http://192.0.2.10:8443');
  await code.fill('K7QF-2M9X');
  await name.fill('Front desk PC');
  await form.getByRole('button', { name: 'Enrol this computer' }).click();
  await expect(address).toHaveAccessibleDescription(/^(⚠ )?Use an https:\/\/ address/);
  await expect(form.getByText(/^Use an https:\/\/ address for a clinic server on another computer/)).toBeVisible();
  await expect(code).not.toHaveAttribute('aria-invalid', 'true');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await section.screenshot({ path: '/tmp/shots/sync-enrol-http-refused.png' });

  // Nothing changed: still on this computer only, the form still there.
  await expect(page.getByRole('banner').getByRole('link', { name: /On this computer only/ })).toBeVisible();
  await expect(form).toBeVisible();
});
