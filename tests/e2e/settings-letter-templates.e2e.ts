/**
 * Settings › Letter templates in the browser: the clinic puts the patient appeal's argument in
 * its own words (the state then says whose and when), a mistyped placeholder is refused beside
 * its section and changes nothing, a patient appeal drafted on a denied request reads the
 * clinic's words, and after "Back to the built-in template" a new draft reads the built-in ones
 * again while the earlier draft keeps its text.
 */
import type { Locator, Page } from '@playwright/test';
import { deniedRequest } from './denied-request';
import { expect, invoke, openApp, rawInvoke, test, uniqueSurname, type Person } from './fixtures';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';
/** The built-in argument's first sentence (resources/authorizations/letters/patient_appeal.json). */
const BUILT_IN_ARGUMENT = 'I ask the plan to review this decision again.';

/** The message put beside an input: the first id its aria-describedby names. */
async function errorBeside(page: Page, input: Locator): Promise<Locator> {
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = await input.getAttribute('aria-describedby');
  expect(ids, 'the input points at its error').toBeTruthy();
  return page.locator(`[id="${ids!.split(' ')[0]}"]`);
}

/** A front-desk user who has chosen their own password already (a first sign-in asks for one). */
async function deskUser(page: Page): Promise<Person> {
  const base = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 5199)}`;
  const username = uniqueSurname('desk').toLowerCase();
  const given = `given-${uniqueSurname('p')}-pass`;
  await invoke(page, 'users.create', { displayName: 'Dee Desk', username, role: 'front_desk', password: given });
  const password = `own-${uniqueSurname('s')}-secret`;
  const signed = await rawInvoke(page.request, base, 'auth.signIn', { username, password: given });
  if (!signed.ok) throw new Error(signed.error.message);
  const session = (signed.result as { session: string }).session;
  const changed = await rawInvoke(page.request, base, 'auth.changePassword', { currentPassword: given, newPassword: password }, session);
  if (!changed.ok) throw new Error(changed.error.message);
  await rawInvoke(page.request, base, 'auth.signOut', {}, session);
  return { displayName: 'Dee Desk', username, password };
}

/** The e2e clinic is shared by every spec and a retry: the patient appeal starts built in. */
async function appealBuiltIn(page: Page): Promise<void> {
  const t = (await invoke(page, 'letterTemplates.list', {})).find((x) => x.kind === 'patient_appeal')!;
  if (t.source === 'clinic') await invoke(page, 'letterTemplates.reset', { kind: 'patient_appeal', expectedVersion: t.version });
}


/**
 * Draft a patient appeal on the request page; returns the newest letter's card with its text open.
 * `already` is how many letters the request has: counting them on arrival raced the list's load
 * (0 counted while loading, then 2 seen after the draft; flaky in a clean-clone CI).
 */
async function draftPatientAppeal(page: Page, authId: string, already: number): Promise<Locator> {
  await page.goto(`/#/authorizations/${authId}`);
  const letters = page.getByRole('region', { name: 'Letters', exact: true });
  await expect(letters.getByTestId('letter')).toHaveCount(already);
  await letters.getByRole('button', { name: 'Write patient appeal letter' }).click();
  await letters.getByRole('form', { name: 'Write patient appeal letter' }).getByRole('button', { name: 'Write the draft' }).click();
  await expect(letters.getByTestId('letter')).toHaveCount(already + 1, { timeout: 15_000 });
  const letter = letters.getByTestId('letter').first();
  await expect(letter).toContainText('Patient appeal letter');
  await letter.getByText(/^Read the letter/).click();
  return letter;
}

test.describe('Settings: letter templates', () => {
  test('the clinic words the patient appeal its own way; a bad placeholder is refused; back to the built-in wording', async ({ page }) => {
    test.setTimeout(150_000);
    const surname = uniqueSurname('Wording');
    const sentence = `Our clinic has treated me since spring, and the ${surname} records show it.`;
    await openApp(page);
    await appealBuiltIn(page);
    const authId = (await deniedRequest(page, surname)).auth.id;
    const { timeZone } = await invoke(page, 'settings.get', {});
    const today = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Settings/ }).click();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: /Letter templates/ }).click();
    const list = page.getByRole('region', { name: 'Letter templates' });
    const entry = (name: string) => list.getByTestId('letter-template').filter({ has: page.getByRole('heading', { name }) });
    await expect(list.getByTestId('letter-template')).toHaveCount(3);
    for (const name of ['Peer-to-peer request', 'Patient appeal letter', 'Provider appeal letter']) await expect(entry(name)).toBeVisible();
    await expect(entry('Patient appeal letter')).toContainText('Built-in template');
    await page.screenshot({ path: `${SHOTS}/h1-letter-templates-1280.png`, fullPage: false });

    await list.getByRole('button', { name: 'Edit wording of the patient appeal letter' }).click();
    const editor = page.getByRole('region', { name: 'Patient appeal letter: template' });
    const state = editor.getByTestId('letter-template-state');
    await expect(state).toHaveText('Built-in template');
    // The placeholders this letter accepts, with what each means and which it needs.
    const placeholders = editor.getByRole('complementary', { name: 'Placeholders' });
    await expect(placeholders.getByRole('term').filter({ hasText: '{{member.id}}' })).toContainText('needed');
    await expect(placeholders.getByRole('term').filter({ hasText: '{{patient.mrn}}' })).not.toContainText('needed');
    await expect(placeholders).toContainText("The patient's chart number (MRN)");
    const argument = editor.getByLabel('Why I am appealing');
    await expect(argument).toHaveValue(new RegExp(`^${BUILT_IN_ARGUMENT.replace(/\./g, '\\.')}`));
    await page.screenshot({ path: `${SHOTS}/h1-letter-template-editor-1280.png`, fullPage: false });

    await argument.fill(`${sentence} ${BUILT_IN_ARGUMENT}`);
    await editor.getByRole('button', { name: 'Save template' }).click();
    await expect(editor.getByRole('status').filter({ hasText: 'Saved. New letters use this wording; letters already drafted keep theirs.' })).toBeVisible();
    await expect(state).toHaveText(`Clinic’s own · saved ${today} by Eve Admin`);

    // A mistyped placeholder: refused beside the section, with what was meant; nothing saved.
    await argument.fill(`${sentence} Member {{member_idd}}.`);
    await editor.getByRole('button', { name: 'Save template' }).click();
    await expect(await errorBeside(page, argument)).toHaveText('{{member_idd}} is not a placeholder: use one from the list of placeholders (did you mean {{member.id}}?).');
    await expect(editor.getByRole('alert').first()).toContainText('The template was not saved.');
    await expect(argument).toBeFocused();
    await expect(state).toHaveText(`Clinic’s own · saved ${today} by Eve Admin`);
    await page.screenshot({ path: `${SHOTS}/h1-letter-template-refused-1280.png`, fullPage: false });
    const stored = (await invoke(page, 'letterTemplates.list', {})).find((x) => x.kind === 'patient_appeal')!;
    expect(stored.sections.find((s) => s.key === 'argument')!.text).toBe(`${sentence} ${BUILT_IN_ARGUMENT}`);

    await editor.getByRole('button', { name: 'Close without saving' }).click();
    await expect(entry('Patient appeal letter')).toContainText(`Clinic’s own · saved ${today} by Eve Admin`);
    await expect(entry('Provider appeal letter')).toContainText('Built-in template');
    await page.screenshot({ path: `${SHOTS}/h1-letter-templates-clinic-1280.png`, fullPage: false });

    // A patient appeal drafted now reads the clinic's words.
    const clinicDraft = await draftPatientAppeal(page, authId, 0);
    await expect(clinicDraft).toContainText(sentence);

    // Back to the built-in template (asked first); a new draft reads the built-in words again.
    await page.goto('/#/settings/letters');
    await list.getByRole('button', { name: 'Edit wording of the patient appeal letter' }).click();
    await editor.getByRole('button', { name: 'Back to the built-in template' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back to the built-in patient appeal letter?' });
    await expect(dialog).toContainText('Letters already drafted keep their text.');
    await page.screenshot({ path: `${SHOTS}/h1-letter-template-confirm-1280.png`, fullPage: false });
    await dialog.getByRole('button', { name: 'Use the built-in template' }).click();
    await expect(state).toHaveText('Built-in template');
    await expect(editor.getByRole('status')).toContainText('Back to the built-in template.');
    await expect(argument).toHaveValue(new RegExp(`^${BUILT_IN_ARGUMENT.replace(/\./g, '\\.')}`));

    const builtInDraft = await draftPatientAppeal(page, authId, 1);
    await expect(builtInDraft).toContainText(BUILT_IN_ARGUMENT);
    await expect(builtInDraft).not.toContainText(sentence);
    // The draft written from the clinic's words keeps them.
    const letters = page.getByRole('region', { name: 'Letters', exact: true }).getByTestId('letter');
    await letters.nth(1).getByText(/^Read the letter/).click();
    await expect(letters.nth(1)).toContainText(sentence);
  });

  test('the front desk reads the wording but cannot change it, and is told why', async ({ page }) => {
    test.setTimeout(90_000);
    const desk = await deskUser(page);
    await openApp(page, '/settings/letters', desk);
    const list = page.getByRole('region', { name: 'Letter templates' });
    await list.getByRole('button', { name: 'Read wording of the provider appeal letter' }).click();
    const editor = page.getByRole('region', { name: 'Provider appeal letter: template' });
    await expect(editor.getByRole('note').filter({ hasText: 'You can read this wording here.' })).toContainText('ask the clinic’s administrator');
    await expect(editor.getByLabel('Request', { exact: true })).toHaveAttribute('readonly', '');
    await expect(editor.getByRole('button', { name: 'Save template' })).toHaveCount(0);
    await expect(editor.getByRole('button', { name: 'Back to the built-in template' })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/h1-letter-template-read-only-1280.png`, fullPage: false });
  });

  test('the list and the editor fit a 1024 px window, and the editor is used from the keyboard', async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1024, height: 700 });
    await openApp(page, '/settings/letters');
    const list = page.getByRole('region', { name: 'Letter templates' });
    await expect(list.getByTestId('letter-template')).toHaveCount(3);
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const idsTwice = () =>
      page.evaluate(() => {
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        return ids.filter((id, i) => ids.indexOf(id) !== i);
      });
    expect(await sideways()).toBe(0);
    expect(await idsTwice()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/h1-letter-templates-1024.png`, fullPage: false });

    // Keyboard: focus the entry's button, open it with Enter, tab into the first section.
    const open = list.getByRole('button', { name: /wording of the peer-to-peer request/ });
    await open.focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('region', { name: 'Peer-to-peer request: template' });
    await expect(editor.getByLabel('Address and date')).toBeVisible();
    expect(await sideways()).toBe(0);
    expect(await idsTwice()).toEqual([]);
    await editor.getByLabel('Address and date').focus();
    await page.keyboard.press('Tab');
    // The next stop is the next section's text (each label is tied to its box).
    await expect(editor.getByLabel('Patient and plan')).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/h1-letter-template-editor-1024.png`, fullPage: false });
    await page.screenshot({ path: `${SHOTS}/h1-letter-template-editor-1024-full.png`, fullPage: true });
  });
});
