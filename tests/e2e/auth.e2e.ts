/**
 * Sign-in, roles and the screen lock, as the clinic's people meet them: the first
 * administrator on a new computer (and a second computer joining that clinic), a front-desk
 * user added in Settings → Users and roles who chooses their own password and cannot open that
 * screen, a nurse who records a score and cannot book, the wall board that shows only the
 * board, the idle lock that keeps a half-typed form, and switching user on a shared computer.
 * Screens the role is refused are never asked for: each test counts FORBIDDEN answers.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import type { UserRole } from '../../src-shared/api/permissions';
import { E2E_ADMIN, expect, invoke, openApp, rawInvoke, test, uniqueSurname, type Person } from './fixtures';
import { enrolCode, startComputer, startServer, stop, token, waitFor } from './sync-harness';

const SHOTS = '/tmp/shots/auth';
mkdirSync(SHOTS, { recursive: true });
const MAIN = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 5199)}`;

/** A picture at the usual desk size and at a small laptop's, for a person to look at. */
async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: `${SHOTS}/${name}-1024x700.png`, fullPage });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-1280x800.png`, fullPage });
}

/** The API methods the page was refused as FORBIDDEN (a screen that asks for what the role may not). */
function watchRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (res) => {
    const batch = res.url().endsWith('/api/invoke-batch');
    if (!batch && !res.url().endsWith('/api/invoke')) return;
    type Answer = { ok: boolean; error?: { code: string } };
    void res
      .json()
      .then((body: Answer & { results?: Answer[] }) => {
        // A batch (the calls a screen sends as it opens) answers each of its calls in order.
        const sent = JSON.parse(res.request().postData() ?? '{}') as { method?: string; calls?: { method?: string }[] };
        const pairs: [Answer, string | undefined][] = batch ? (body.results ?? []).map((r, i) => [r, sent.calls?.[i]?.method]) : [[body, sent.method]];
        for (const [r, method] of pairs) if (!r.ok && r.error?.code === 'FORBIDDEN') refused.push(String(method));
      })
      .catch(() => undefined);
  });
  return refused;
}

const randomWord = () => Math.random().toString(36).slice(2, 10);

interface MadeUser extends Person {
  displayName: string;
  id: string;
}

/**
 * A user made by the administrator through the API (what the test is not about). With
 * `own`, they have already chosen their own password (signed in once and changed it).
 */
async function makeUser(page: Page, role: UserRole, own: boolean): Promise<MadeUser> {
  const username = uniqueSurname(role.replace('_', '')).toLowerCase();
  const displayName = `${role === 'front_desk' ? 'Desk' : role === 'nurse' ? 'Nurse' : 'Board'} ${uniqueSurname('T')}`;
  const given = `given-${randomWord()}-pass`;
  const { id } = await invoke(page, 'users.create', { displayName, username, role, password: given });
  if (!own) return { id, displayName, username, password: given };
  const password = `own-${randomWord()}-secret`;
  const signed = await rawInvoke(page.request, MAIN, 'auth.signIn', { username, password: given });
  if (!signed.ok) throw new Error(signed.error.message);
  const session = (signed.result as { session: string }).session;
  const changed = await rawInvoke(page.request, MAIN, 'auth.changePassword', { currentPassword: given, newPassword: password }, session);
  if (!changed.ok) throw new Error(changed.error.message);
  await rawInvoke(page.request, MAIN, 'auth.signOut', {}, session);
  return { id, displayName, username, password };
}

/** The sign-in screen at a fresh window, filled in by the person. */
async function signIn(page: Page, who: Person, base = ''): Promise<void> {
  await page.goto(`${base}/#token=${token()}`);
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 15_000 });
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const header = (page: Page) => page.getByRole('banner');
const userMenu = (page: Page, name: string) => header(page).getByRole('button', { name: new RegExp(`^${name}, .*account menu$`) });

test.describe('a new computer', () => {
  const ports = { server: 5311, a: 5312, b: 5313 };
  const dirs: string[] = [];
  const procs: ChildProcess[] = [];
  let serverDir = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    serverDir = mkdtempSync(join(tmpdir(), 'desk-auth-server-'));
    const dirA = mkdtempSync(join(tmpdir(), 'desk-auth-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'desk-auth-b-'));
    dirs.push(serverDir, dirA, dirB);
    procs.push(startServer(ports.server, serverDir), startComputer(ports.a, dirA), startComputer(ports.b, dirB));
    await Promise.all([
      waitFor(`http://127.0.0.1:${ports.server}/v1/health`),
      waitFor(`http://127.0.0.1:${ports.a}/`),
      waitFor(`http://127.0.0.1:${ports.b}/`),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all(procs.map((p) => stop(p)));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('first run: the first computer creates the administrator; a second computer joins the clinic and signs them in', async ({ browser }) => {
    test.setTimeout(150_000);
    const ada = { displayName: 'Ada Okafor', username: 'ada.okafor', password: 'first-run-passphrase' };
    const a = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const refusedA = watchRefusals(a);
    const base = `http://127.0.0.1:${ports.a}`;
    await a.goto(`${base}/#token=${token()}`);
    await expect(a.getByRole('heading', { name: 'Set up this computer', level: 1 })).toBeVisible({ timeout: 15_000 });
    await expect(a.getByRole('radio', { name: /This is the clinic’s first computer/ })).toBeChecked();
    await shoot(a, 'setup');

    // The two passwords must match; then the administrator is made and signed in.
    await a.getByLabel('Your name').fill(ada.displayName);
    await a.getByLabel('User name').fill(ada.username);
    await a.getByLabel('Password', { exact: true }).fill(ada.password);
    await a.getByLabel('Password again').fill('something-else-entirely');
    await a.getByRole('button', { name: 'Create the administrator' }).click();
    await expect(a.getByText('The two passwords are not the same.')).toBeVisible();
    await a.getByLabel('Password again').fill(ada.password);
    await a.getByRole('button', { name: 'Create the administrator' }).click();
    // A new clinic: its first-run setup comes next; this test leaves it for Settings.
    await expect(a.getByRole('heading', { name: 'Set up your clinic', level: 1 })).toBeVisible({ timeout: 15_000 });
    await a.getByRole('button', { name: 'Finish later in Settings' }).click();
    await expect(a.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 15_000 });
    await expect(userMenu(a, ada.displayName)).toContainText('Administrator');
    await expect(a.getByRole('navigation').getByRole('link', { name: 'Users and roles' })).toBeVisible();

    // Enrolled with the clinic server, as the administrator's computer.
    await a.goto(`${base}/#/settings/server`);
    const enrolA = a.getByRole('form', { name: 'Enrol this computer' });
    await enrolA.getByLabel('Server address').fill(`http://127.0.0.1:${ports.server}`);
    await enrolA.getByLabel('Enrolment code').fill(enrolCode(serverDir, true));
    await enrolA.getByLabel('This computer’s name').fill('Front desk PC');
    await enrolA.getByRole('button', { name: 'Enrol this computer' }).click();
    await expect(a.locator('.sync-indicator')).toContainText(/Synced|Connected/, { timeout: 20_000 });
    expect(refusedA).toEqual([]);

    // The second computer joins that clinic from its first screen.
    const b = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const baseB = `http://127.0.0.1:${ports.b}`;
    await b.goto(`${baseB}/#token=${token()}`);
    await expect(b.getByRole('heading', { name: 'Set up this computer', level: 1 })).toBeVisible({ timeout: 15_000 });
    await b.getByRole('radio', { name: /joins a clinic that already uses Infusion Desk/ }).check();
    const join = b.getByRole('form', { name: 'Enrol this computer' });
    await join.getByLabel('Server address').fill(`http://127.0.0.1:${ports.server}`);
    await shoot(b, 'setup-join');
    await join.getByRole('button', { name: 'Enrol this computer' }).click();
    // A refusal of the form is in words beside the field.
    await expect(join.locator('#sync-enrol-code-error')).toHaveText(/enrolment code/);
    await join.getByLabel('Enrolment code').fill(enrolCode(serverDir));
    await join.getByLabel('This computer’s name').fill('Nurse station');
    await join.getByRole('button', { name: 'Enrol this computer' }).click();
    // The clinic's users arrive by sync; then the sign-in takes the administrator made on A.
    await expect(b.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 30_000 });
    await b.getByLabel('User name').fill(ada.username);
    await b.getByLabel('Password', { exact: true }).fill(ada.password);
    await b.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(b.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 15_000 });
    await expect(userMenu(b, ada.displayName)).toContainText('Administrator');
    await a.close();
    await b.close();
  });
});

test('an administrator adds a front-desk user, who chooses their own password and cannot open Users and roles', async ({ page }) => {
  test.setTimeout(90_000);
  const refused = watchRefusals(page);
  await openApp(page, '/settings');
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: /^Users and roles/ }).click();
  await expect(page.getByRole('heading', { name: 'Users and roles', level: 1 })).toBeVisible();

  const surname = uniqueSurname('Reyes');
  const fiona = { displayName: `Fiona ${surname}`, username: `fiona.${surname.toLowerCase()}`, password: `given-${randomWord()}-pass` };
  const add = page.getByRole('form', { name: 'Add a user' });
  // Nothing chosen: the backend's words beside each field.
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.locator('#new-user-role-error')).toHaveText('Choose a role.');
  await add.getByLabel('Name', { exact: true }).fill(fiona.displayName);
  await add.getByLabel('User name').fill(fiona.username);
  await add.getByLabel('Role').selectOption({ label: 'Front desk' });
  await expect(add).toContainText('Intake, scheduling, reminders and scores at the clinic.');
  await add.getByLabel('First password').fill(fiona.password);
  await add.getByRole('button', { name: 'Add user' }).click();
  const row = page.getByRole('row', { name: fiona.displayName });
  await expect(row).toContainText('Front desk');
  await expect(row).toContainText('Must set a password');
  await expect(row).toContainText(fiona.username);

  // The same user name again is refused beside the user name.
  await add.getByLabel('Name', { exact: true }).fill('Someone Else');
  await add.getByLabel('User name').fill(fiona.username);
  await add.getByLabel('Role').selectOption({ label: 'Nurse' });
  await add.getByLabel('First password').fill(`given-${randomWord()}-pass`);
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.locator('#new-user-username-error')).toHaveText(`The user name “${fiona.username}” is taken. Choose another.`);

  // The administrator cannot demote their own account: said beside the role.
  await page.getByRole('button', { name: `Change role of ${E2E_ADMIN.displayName}` }).click();
  const roleForm = page.getByRole('form', { name: `Change role of ${E2E_ADMIN.displayName}` });
  await roleForm.getByLabel(`Role of ${E2E_ADMIN.displayName}`).selectOption({ label: 'Front desk' });
  await roleForm.getByRole('button', { name: 'Save role' }).click();
  await expect(roleForm.locator('.field-error')).toHaveText('You cannot switch off or demote your own account. Ask another administrator.');
  await roleForm.getByRole('button', { name: 'Cancel' }).click();

  // The roles table: permissions in words, the administrator's column fixed.
  const roles = page.getByRole('region', { name: 'What each role may do' });
  await expect(roles.getByRole('rowheader', { name: 'Create users, change roles and reset passwords' })).toBeVisible();
  await expect(roles.getByRole('checkbox', { name: 'Administrator: Read and export the audit trail' })).toBeDisabled();
  await expect(roles.getByRole('checkbox', { name: 'Administrator: Read and export the audit trail' })).toBeChecked();
  await expect(roles.getByRole('checkbox', { name: 'Nurse: Record pain scores' })).toBeChecked();
  await expect(roles.getByRole('checkbox', { name: 'Wall board: See the suite board' })).toBeChecked();
  await expect(roles).toContainText('The administrator always keeps every permission');
  await shoot(page, 'users-and-roles');

  // An administrator changes what a role may do, and sets it back (other tests use the defaults).
  const save = roles.getByRole('button', { name: /^Save changes/ });
  await expect(roles.getByRole('button', { name: 'No changes to save' })).toBeDisabled();
  await roles.getByRole('checkbox', { name: 'Remote assistant: Read and export the audit trail' }).check();
  await roles.getByRole('checkbox', { name: 'Remote assistant: See the clinic’s set-up (suites, staff, payers, hours)' }).uncheck();
  await expect(roles).toContainText('Remote assistant: Without “See the clinic’s set-up');
  await save.click();
  await expect(roles.getByRole('status')).toContainText('Saved: Remote assistant');
  await page.reload();
  await expect(roles.getByRole('checkbox', { name: 'Remote assistant: Read and export the audit trail' })).toBeChecked();
  await expect(roles.getByRole('columnheader', { name: /Remote assistant/ })).toContainText('changed');
  await page.screenshot({ path: `${SHOTS}/users-and-roles-full.png`, fullPage: true });
  await roles.getByRole('button', { name: 'Set Remote assistant back to its defaults' }).click();
  await save.click();
  await expect(roles.getByRole('button', { name: 'No changes to save' })).toBeVisible();
  await expect(roles.getByRole('checkbox', { name: 'Remote assistant: Read and export the audit trail' })).not.toBeChecked();

  // Sign out; Fiona signs in with the password she was given and must choose her own first.
  await userMenu(page, E2E_ADMIN.displayName).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: /Signed in on this computer before/ })).toContainText(E2E_ADMIN.displayName);
  await shoot(page, 'signin');
  await page.getByLabel('User name').fill(fiona.username);
  await page.getByLabel('Password', { exact: true }).fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That user name and password do not match. Check both and try again.');
  await page.getByLabel('Password', { exact: true }).fill(fiona.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await shoot(page, 'own-password');
  const own = `own-${randomWord()}-secret`;
  await page.getByLabel('Password you were given').fill(fiona.password);
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Save my password' }).click();
  await expect(page.locator('#own-password-new-error')).toHaveText('A password needs at least 10 characters.');
  await page.getByLabel('New password', { exact: true }).fill(own);
  await page.getByLabel('New password again').fill(own);
  await page.getByRole('button', { name: 'Save my password' }).click();

  // In: the front desk's screens, no Users and roles.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  await expect(userMenu(page, fiona.displayName)).toContainText('Front desk');
  await expect(nav.getByRole('link', { name: 'Patients', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users and roles' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open Users and roles' })).toHaveCount(0);
  // Typed by hand: refused in words, with the way back.
  await page.goto('/#/settings/users');
  await expect(page.getByRole('heading', { name: 'Your role does not include this screen', level: 1 })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(`You are signed in as ${fiona.displayName}, whose role is Front desk`);
  await shoot(page, 'not-allowed');
  await page.getByRole('link', { name: 'Go to Today' }).click();
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  expect(refused).toEqual([]);
});

test('a nurse records a score on the chart and cannot book', async ({ page }) => {
  test.setTimeout(60_000);
  const nurse = await makeUser(page, 'nurse', true);
  const surname = uniqueSurname('Lindqvist');
  const patient = await invoke(page, 'patients.create', {
    firstName: 'Greta',
    lastName: surname,
    dateOfBirth: '1968-03-14',
    sex: 'female',
    phone: '5125550142',
    preferredContact: 'phone',
  } as never);
  const refused = watchRefusals(page);
  await signIn(page, nurse);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  await expect(userMenu(page, nurse.displayName)).toContainText('Nurse');
  await expect(nav.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);

  await page.goto(`/#/patients/${patient.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(surname), level: 1 })).toBeVisible();
  const outcomes = page.getByRole('region', { name: 'Pain outcomes' });
  await outcomes.getByRole('button', { name: 'Record a score' }).click();
  const form = outcomes.getByRole('form', { name: 'Record a score' });
  await form.getByLabel(/^Score/).fill('7');
  await form.getByRole('button', { name: 'Save score' }).click();
  await expect(form).toHaveCount(0);
  await outcomes.getByText(/^All scores/).click();
  await expect(outcomes.locator('.outcome-scores').getByRole('row', { name: /Baseline/ })).toContainText(nurse.displayName);

  // No booking: neither the first consultation's free times nor planning a series, no editing.
  await expect(page.getByRole('heading', { name: 'First consultation' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Book first consultation' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Plan a series' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit patient' })).toHaveCount(0);
  await page.goto('/#/patients');
  await expect(page.getByRole('heading', { name: 'Patients', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New patient' })).toHaveCount(0);
  await page.goto('/#/patients/new');
  await expect(page.getByRole('heading', { name: 'Your role does not include this screen' })).toBeVisible();
  expect(refused).toEqual([]);
});

test('the wall board account sees only the board, and its screen never locks', async ({ page }) => {
  test.setTimeout(60_000);
  const board = await makeUser(page, 'viewer', true);
  await page.clock.install();
  const refused = watchRefusals(page);
  await signIn(page, board);
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(userMenu(page, board.displayName)).toContainText('Wall board');
  await expect(header(page).locator('.sync-indicator')).toHaveCount(0);
  await shoot(page, 'board-only');

  for (const route of ['/patients', '/today', '/settings', '/settings/staff', '/settings/users']) {
    await page.goto(`/#${route}`);
    await expect(page.getByRole('heading', { name: 'Your role does not include this screen' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Go to Board' }).click();
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();

  // Hours on the wall with nobody touching it: still the board.
  await page.clock.fastForward('04:00:00');
  await expect(page.getByRole('dialog', { name: 'Screen locked' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  expect(refused).toEqual([]);
});

test('idle lock after the set time; a wrong password is refused; unlocking keeps a half-filled form', async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.install();
  const refused = watchRefusals(page);
  try {
    await openApp(page, '/settings/users');
    const idle = page.getByRole('region', { name: 'Screen lock' });
    await idle.getByLabel('Lock the screen after this many minutes without use').fill('0');
    await idle.getByRole('button', { name: 'Save screen lock' }).click();
    await expect(idle.locator('.field-error')).toHaveText('The screen can lock after 1 minute at the soonest.');
    await idle.getByLabel('Lock the screen after this many minutes without use').fill('1');
    await idle.getByRole('button', { name: 'Save screen lock' }).click();
    await expect(idle.getByRole('status')).toContainText('Saved: screens lock after 1 minute without use');

    // A new patient, half typed.
    await page.goto('/#/patients/new');
    const surname = uniqueSurname('Halfway');
    await page.getByLabel('First name').fill('Wilhelmina');
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel('Phone').fill('(312) 555-0123');

    // Fifty seconds: not yet.
    await page.clock.fastForward('00:50');
    await expect(page.getByRole('dialog', { name: 'Screen locked' })).toHaveCount(0);
    // Past the minute: locked, over the whole window, the form out of reach.
    await page.clock.fastForward('00:15');
    const lock = page.getByRole('dialog', { name: 'Screen locked' });
    await expect(lock).toBeVisible();
    await expect(lock).toContainText(E2E_ADMIN.displayName);
    await expect(lock).toContainText('Administrator');
    await expect(page.locator('.auth-app')).toHaveAttribute('inert', '');

    // The backend is locked too: a call with this window's session is refused as LOCKED.
    const session = await page.evaluate(() => sessionStorage.getItem('desk.session'));
    const probe = await rawInvoke(page.request, MAIN, 'patients.search', { q: surname }, session ?? undefined);
    expect(probe.ok ? 'answered' : probe.error.code).toBe('LOCKED');

    const password = lock.getByLabel(`${E2E_ADMIN.displayName}’s password`);
    await expect(password).toBeFocused();
    await password.fill('not-my-password');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await expect(lock.locator('#lock-password-error')).toHaveText('That is not your password. Try again, or sign in as someone else.');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await shoot(page, 'lock');
    await lock.getByRole('button', { name: 'Sign in as someone else' }).click();
    await expect(page.getByRole('dialog', { name: 'Sign in as someone else' })).toBeVisible();
    await shoot(page, 'lock-someone-else');
    await page.getByRole('button', { name: /^Back to unlocking as/ }).click();

    await lock.getByLabel(`${E2E_ADMIN.displayName}’s password`).fill(E2E_ADMIN.password);
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await expect(lock).toHaveCount(0);
    await expect(page.getByLabel('First name')).toHaveValue('Wilhelmina');
    await expect(page.getByLabel('Last name')).toHaveValue(surname);
    await expect(page.getByLabel('Phone')).toHaveValue('(312) 555-0123');
    await expect(page.locator('.auth-app')).not.toHaveAttribute('inert', '');

    // Lock screen from the menu works the same way.
    await userMenu(page, E2E_ADMIN.displayName).click();
    await page.getByRole('button', { name: /^Lock screen/ }).click();
    await expect(lock).toBeVisible();
    await lock.getByLabel(`${E2E_ADMIN.displayName}’s password`).fill(E2E_ADMIN.password);
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await expect(lock).toHaveCount(0);
    await expect(page.getByLabel('First name')).toHaveValue('Wilhelmina');
    expect(refused).toEqual([]);
  } finally {
    await invoke(page, 'auth.settings.update', { idleLockMinutes: 10 });
  }
});

test('switch user on a shared computer: the next person never sees the first one’s half-typed form', async ({ page }) => {
  test.setTimeout(60_000);
  const first = await makeUser(page, 'front_desk', true);
  const second = await makeUser(page, 'front_desk', true);
  await signIn(page, first);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const firstSession = await page.evaluate(() => sessionStorage.getItem('desk.session'));

  // Their own password, changed from the menu (the current one is asked first).
  await userMenu(page, first.displayName).click();
  await page.getByRole('button', { name: 'Change password' }).click();
  const change = page.getByRole('dialog', { name: 'Change your password' });
  await change.getByLabel('Current password').fill('not-the-current-one');
  await change.getByLabel('New password', { exact: true }).fill(`new-${randomWord()}-secret`);
  await change.getByLabel('New password again').fill('does-not-match-at-all');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.locator('#change-password-confirm-error')).toHaveText('The two new passwords are not the same.');
  const renewed = `new-${randomWord()}-secret`;
  await change.getByLabel('New password', { exact: true }).fill(renewed);
  await change.getByLabel('New password again').fill(renewed);
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.locator('#change-password-current-error')).toHaveText('Your current password is not right.');
  await change.getByLabel('Current password').fill(first.password);
  await change.getByRole('button', { name: 'Change password' }).click();
  const changed = page.getByRole('dialog', { name: 'Password changed' });
  await expect(changed).toContainText('Your password is changed.');
  await changed.getByRole('button', { name: 'Close' }).click();
  await expect(changed).toHaveCount(0);
  await page.goto('/#/patients/new');
  await page.getByLabel('First name').fill('Private');
  await page.getByLabel('Last name').fill('Draft');

  await userMenu(page, first.displayName).click();
  await page.getByRole('button', { name: /^Switch user/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in as someone else' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`${first.displayName}’s screen stays locked until you sign in`);
  await dialog.getByLabel('User name').fill(second.username);
  await dialog.getByLabel('Password', { exact: true }).fill(second.password);
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();

  // The second person starts on their own first screen.
  await expect(userMenu(page, second.displayName)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await page.goto('/#/patients/new');
  await expect(page.getByLabel('First name')).toHaveValue('');
  await expect(page.getByLabel('Last name')).toHaveValue('');
  // The first person's sign-in at this window has ended.
  const old = await rawInvoke(page.request, MAIN, 'patients.search', { q: 'x' }, firstSession ?? undefined);
  expect(old.ok ? 'answered' : old.error.code).toBe('UNAUTHENTICATED');
});
