/**
 * Settings › Infusion floor (series templates, supervision shifts, suite closures) and prior
 * authorizations on the chart and the work list, as the front desk uses them.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test, uniqueSurname } from './fixtures';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

/** The message put beside an input: the first id its aria-describedby names. */
async function errorBeside(page: Page, input: Locator): Promise<Locator> {
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = await input.getAttribute('aria-describedby');
  expect(ids, 'the input points at its error').toBeTruthy();
  return page.locator(`[id="${ids!.split(' ')[0]}"]`);
}

/** One backend call with the page's own token, as the renderer makes it. */
async function invoke<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-desk-token': sessionStorage.getItem('desk.token') ?? '',
          'x-desk-session': sessionStorage.getItem('desk.session') ?? '',
        },
        body: JSON.stringify({ method: m, input: i }),
      });
      const out = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
      if (!out.ok) throw new Error(out.error?.message ?? 'call failed');
      return out.result;
    },
    [method, input] as const,
  ) as Promise<T>;
}

/** Today in the clinic's zone (another test may have changed it), as `YYYY-MM-DD`. */
async function clinicToday(page: Page): Promise<string> {
  const { timeZone } = await invoke<{ timeZone: string }>(page, 'settings.get', {});
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
}
function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

test.describe('Infusion floor settings', () => {
  test('a series template: a bad value is refused with its reason, a good one is kept', async ({ page }) => {
    const name = `Booster pair ${uniqueSurname('t')}`;
    await openApp(page, '/settings/series');
    const section = page.getByRole('region', { name: 'Series templates' });
    // The defaults from resources/series/templates.json are there on first use.
    await expect(section.getByRole('row', { name: /Initial series: 6 infusions over 2 weeks/ })).toContainText('6 sessions within 14 days');

    await section.getByRole('button', { name: 'New template' }).click();
    await section.getByLabel('Name').fill(name);
    await section.getByLabel('Sessions in the series').fill('2');
    await section.getByLabel('All within (days)').fill('10');
    await section.getByLabel('Least days between sessions').fill('5');
    await section.getByLabel('Most days between sessions').fill('7');
    await section.getByLabel('Infusion (minutes)').fill('180');
    await expect(section.getByText('Each session holds the suite for 4 h 30 min')).toBeVisible();
    await section.getByRole('button', { name: 'Add template' }).click();
    await expect(section.getByRole('status')).toContainText(`${name} added`);
    const row = section.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('2 sessions within 10 days');
    await expect(row).toContainText('5 to 7 days apart');
    await expect(row).toContainText('4 h 30 min');

    // Edit: the least gap above the most gap is refused, beside the field, and nothing changes.
    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const form = section.getByRole('form', { name: `Edit ${name}` });
    await form.getByLabel('Least days between sessions').fill('8');
    await form.getByRole('button', { name: 'Save template' }).click();
    const least = form.getByLabel('Least days between sessions');
    await expect(await errorBeside(page, least)).toHaveText(
      'The least days between sessions (8) cannot be more than the most days between sessions (7).',
    );
    await expect(least).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/floor-template-refused.png`, fullPage: false });

    // Text where a number belongs: the backend's own words.
    await least.fill('five');
    await form.getByRole('button', { name: 'Save template' }).click();
    await expect(await errorBeside(page, least)).toHaveText('Enter the least days between sessions as a number.');

    // A window too short for the gaps.
    await least.fill('6');
    await form.getByLabel('All within (days)').fill('5');
    await form.getByRole('button', { name: 'Save template' }).click();
    await expect(await errorBeside(page, form.getByLabel('All within (days)'))).toHaveText(
      '2 sessions at least 6 days apart need a window of at least 7 days, not 5.',
    );
    await page.reload();
    await expect(page.getByRole('region', { name: 'Series templates' }).getByRole('row', { name: new RegExp(name) })).toContainText('5 to 7 days apart');

    // A good edit is kept, and taking it out of use says so in the list.
    const again = page.getByRole('region', { name: 'Series templates' });
    await again.getByRole('button', { name: `Edit ${name}` }).click();
    const form2 = again.getByRole('form', { name: `Edit ${name}` });
    await form2.getByLabel('Least days between sessions').fill('6');
    await form2.getByLabel('Offered when planning a series').uncheck();
    await form2.getByRole('button', { name: 'Save template' }).click();
    await expect(again.getByRole('status')).toContainText(`${name} saved`);
    const saved = again.getByRole('row', { name: new RegExp(name) });
    await expect(saved).toContainText('6 to 7 days apart');
    await expect(saved).toContainText('Not offered');
    await again.scrollIntoViewIfNeeded();
    await again.screenshot({ path: `${SHOTS}/floor-templates.png` });
  });

  test('a nurse’s supervision shifts: a week with how many patients at once, refused in words when wrong', async ({ page }) => {
    const nurse = `Carla ${uniqueSurname('Diaz')}, RN`;
    await openApp(page, '/settings/staff');
    await page.getByLabel('Staff name').fill(nurse);
    await page.getByLabel('Role', { exact: true }).selectOption('rn');
    await page.getByRole('button', { name: 'Add staff member' }).click();

    const shifts = page.getByRole('region', { name: 'Supervision shifts' });
    const person = shifts.getByRole('region', { name: new RegExp(nurse) });
    await expect(person).toContainText(`No shifts: no infusion can be booked under ${nurse}’s supervision.`);
    await person.getByRole('button', { name: 'Add shift' }).click();
    await person.getByLabel('Day, row 1').selectOption({ label: 'Monday' });
    await person.getByLabel('From, row 1').fill('07:00');
    await person.getByLabel('To, row 1').fill('15:00');
    // A new shift starts at 2 patients at once (not 1), and the section says why.
    await expect(person.getByLabel('Patients at once, row 1')).toHaveValue('2');
    await expect(shifts).toContainText('A new shift starts at 2 patients at once: Infusion centres report about 2 chairs per nurse');
    await person.getByLabel('Patients at once, row 1').fill('3');
    await person.getByRole('button', { name: 'Add shift' }).click();
    await expect(person.getByLabel('Day, row 2')).toHaveValue('2'); // Tuesday, same hours
    await expect(person.getByLabel('Patients at once, row 2')).toHaveValue('3');
    await person.getByLabel('Patients at once, row 2').fill('0');
    await person.getByLabel('To, row 2').fill('06:00');
    await person.getByRole('button', { name: 'Save shifts' }).click();
    await expect(await errorBeside(page, person.getByLabel('To, row 2'))).toHaveText('The end time must be after the start time.');
    await expect(await errorBeside(page, person.getByLabel('Patients at once, row 2'))).toHaveText('Patients supervised at once must be at least 1.');
    await person.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/floor-shifts-refused.png` });

    await person.getByLabel('To, row 2').fill('15:00');
    await person.getByLabel('Patients at once, row 2').fill('2');
    await person.getByRole('button', { name: 'Save shifts' }).click();
    await expect(person.getByRole('status')).toContainText('saved');

    // Kept: after a reload the week reads Monday and Tuesday, with each day's load.
    await page.reload();
    const week = page.getByRole('region', { name: 'Supervision shifts' }).getByRole('region', { name: new RegExp(nurse) }).getByRole('list', { name: /week/ });
    await expect(week.getByRole('listitem').nth(0)).toHaveText(/Mon\s*07:00–15:00\s*up to 3 patients/);
    await expect(week.getByRole('listitem').nth(1)).toHaveText(/Tue\s*07:00–15:00\s*up to 2 patients/);
    await expect(week.getByRole('listitem').nth(2)).toHaveText(/Wed\s*off/);
    await week.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/floor-shifts.png` });

    // Saving an empty week clears it.
    const person2 = page.getByRole('region', { name: 'Supervision shifts' }).getByRole('region', { name: new RegExp(nurse) });
    await person2.getByRole('button', { name: 'Remove row 2' }).click();
    await person2.getByRole('button', { name: 'Remove row 1' }).click();
    await person2.getByRole('button', { name: 'Save shifts' }).click();
    await expect(person2).toContainText('No shifts');
    await page.reload();
    await expect(page.getByRole('region', { name: 'Supervision shifts' }).getByRole('region', { name: new RegExp(nurse) })).toContainText('No shifts');
  });

  test('a suite closure: refused when it ends before it starts, added, then removed', async ({ page }) => {
    const suite = `Suite ${uniqueSurname('C')}`;
    const reason = `Pump servicing ${uniqueSurname('r')}`;
    await openApp(page, '/settings/suites');
    await page.getByLabel('New suite name').fill(suite);
    await page.getByRole('button', { name: 'Add suite' }).click();
    await expect(page.getByRole('cell', { name: suite, exact: true })).toBeVisible();

    const closures = page.getByRole('region', { name: 'Suite closures' });
    const form = closures.getByRole('form', { name: 'Close a suite or the clinic' });
    await form.getByLabel('What is closed').selectOption({ label: suite });
    await form.getByLabel('Reason').fill(reason);
    await form.getByLabel('First day').fill('12/02/2031');
    await form.getByLabel('Last day').fill('12/01/2031');
    await form.getByRole('button', { name: 'Add closure' }).click();
    await expect(await errorBeside(page, form.getByLabel('Last day'))).toHaveText('The closure must end after it starts.');
    await expect(closures.getByRole('row', { name: new RegExp(reason) })).toHaveCount(0);

    await form.getByLabel('Last day').fill('12/03/2031');
    await form.getByRole('button', { name: 'Add closure' }).click();
    await expect(closures.getByRole('status')).toContainText(`Closure of ${suite} added`);
    const row = closures.getByRole('row', { name: new RegExp(reason) });
    await expect(row).toContainText(suite);
    await expect(row).toContainText('Tue, Dec 2, 2031');
    await expect(row).toContainText('Wed, Dec 3, 2031 (whole day)');

    // Part of a day, for the whole clinic.
    await form.getByLabel('What is closed').selectOption({ label: 'Whole clinic (every suite)' });
    await form.getByLabel('Reason').fill(`Staff training ${reason}`);
    await form.getByLabel('Whole days').uncheck();
    await form.getByLabel('First day').fill('12/05/2031');
    await form.getByLabel('Closed from').fill('13:00');
    await form.getByLabel('Last day').fill('12/05/2031');
    await form.getByLabel('Open again at').fill('17:00');
    await form.getByRole('button', { name: 'Add closure' }).click();
    const clinicRow = closures.getByRole('row', { name: new RegExp(`Staff training ${reason}`) });
    await expect(clinicRow).toContainText('Whole clinic (every suite)');
    await expect(clinicRow).toContainText('1:00');
    await expect(clinicRow).toContainText('5:00');
    await closures.scrollIntoViewIfNeeded();
    await closures.screenshot({ path: `${SHOTS}/floor-closures.png` });

    await row.getByRole('button', { name: `Remove closure of ${suite}: ${reason}` }).click();
    await row.getByRole('button', { name: `Yes, reopen ${suite}` }).click();
    await expect(closures.getByRole('status')).toContainText('Closure removed');
    await expect(closures.getByRole('row', { name: new RegExp(`^${suite}.*${reason}`) })).toHaveCount(0);
    await page.reload();
    const after = page.getByRole('region', { name: 'Suite closures' });
    await expect(after.getByRole('row', { name: new RegExp(`Staff training ${reason}`) })).toHaveCount(1);
    await expect(after.getByRole('cell', { name: suite, exact: true })).toHaveCount(0);
  });
});

test.describe('Prior authorizations', () => {
  test('recorded on the chart with approved, used and left at a glance, and on the work list', async ({ page }) => {
    test.setTimeout(60_000);
    const surname = uniqueSurname('Okafor');
    const payer = `Blue Lake Health ${uniqueSurname('p')}`;
    await openApp(page);
    const today = await clinicToday(page);
    const isoIn = (days: number) => addDays(today, days);
    await invoke(page, 'payers.create', { name: payer });
    const patient = await invoke<{ id: string }>(page, 'patients.create', {
      firstName: 'Grace',
      lastName: surname,
      dateOfBirth: '1979-06-02',
      sex: 'female',
      phone: '(608) 555-0146',
      preferredContact: 'phone',
    });
    await page.goto(`/#/patients/${patient.id}`);
    const panel = page.getByRole('region', { name: 'Prior authorizations' });
    await expect(panel).toContainText('No prior authorizations recorded');

    await panel.getByRole('button', { name: 'Add authorization' }).click();
    const form = panel.getByRole('form', { name: 'New authorization' });
    await form.getByLabel('Payer').selectOption({ label: payer });
    await form.getByLabel('Authorization number').fill('PA-55120');
    await form.getByLabel('Status').selectOption({ label: 'Approved' });
    // An approval without its sessions is refused beside the field, in words.
    await form.getByRole('button', { name: 'Add authorization' }).click();
    await expect(await errorBeside(page, form.getByLabel('Approved sessions'))).toHaveText(
      'An approved authorization needs the number of approved sessions.',
    );
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/floor-auth-refused.png` });
    await form.getByLabel('Approved sessions').fill('6');
    await form.getByLabel('First day covered').fill(us(isoIn(10)));
    await form.getByLabel('Last day covered').fill(us(isoIn(-1)));
    await form.getByRole('button', { name: 'Add authorization' }).click();
    await expect(await errorBeside(page, form.getByLabel('Last day covered'))).toHaveText(
      `The last day covered (${us(isoIn(-1))}) is before the first day covered (${us(isoIn(10))}).`,
    );
    await form.getByLabel('First day covered').fill(us(isoIn(-1)));
    await form.getByLabel('Last day covered').fill('13/45/2030');
    await form.getByRole('button', { name: 'Add authorization' }).click();
    await expect(await errorBeside(page, form.getByLabel('Last day covered'))).toHaveText(
      'Enter the last day covered as MM/DD/YYYY, for example 03/07/2024.',
    );
    await form.getByLabel('Last day covered').fill(us(isoIn(60)));
    await form.getByRole('button', { name: 'Add authorization' }).click();
    await expect(panel.getByRole('status')).toContainText('Authorization added');

    const row = panel.getByTestId('authorization-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(payer);
    await expect(row).toContainText('#PA-55120');
    await expect(row).toContainText('Approved');
    await expect(row).toContainText(`${us(isoIn(-1))} – ${us(isoIn(60))}`);
    await expect(row).toContainText(/6\s*approved\s*0\s*used\s*0\s*booked\s*6\s*left/);

    // A single-infusion series booked under it (through the API, as the planner screen will):
    // the chart then counts one session booked (used counts only infusions given).
    const suite = await invoke<{ id: string }>(page, 'suites.create', { name: `Suite ${uniqueSurname('A')}` });
    const rn = await invoke<{ id: string }>(page, 'staff.create', { name: `Nurse ${uniqueSurname('N')}, RN`, role: 'rn' });
    await invoke(page, 'shifts.setWeekly', {
      staffId: rn.id,
      shifts: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '00:00', endTime: '23:59', maxConcurrent: 4 })),
    });
    const templates = await invoke<{ id: string; name: string }[]>(page, 'series.templates.list', {});
    const booster = templates.find((t) => t.name === 'Booster: single infusion')!;
    const [auth] = await invoke<{ id: string }[]>(page, 'authorizations.listForPatient', { patientId: patient.id });
    const proposal = await invoke<{ proposals: { sessions: unknown[] }[]; noFit: unknown }>(page, 'series.propose', {
      patientId: patient.id,
      templateId: booster.id,
      authorizationId: auth!.id,
      preferences: { suiteId: suite.id },
    });
    expect(proposal.noFit, JSON.stringify(proposal.noFit)).toBeNull();
    await invoke(page, 'series.book', { patientId: patient.id, templateId: booster.id, authorizationId: auth!.id, sessions: proposal.proposals[0]!.sessions });
    // The booking's change event refreshes the open chart.
    await expect(row).toContainText(/6\s*approved\s*0\s*used\s*1\s*booked\s*5\s*left/);

    // Edit: more sessions approved.
    await row.getByRole('button', { name: /Edit/ }).click();
    const edit = panel.getByRole('form', { name: 'Edit authorization PA-55120' });
    await expect(edit.getByLabel('Approved sessions')).toHaveValue('6');
    await edit.getByLabel('Approved sessions').fill('8');
    await edit.getByRole('button', { name: 'Save authorization' }).click();
    await expect(panel.getByRole('status')).toContainText('Authorization saved');
    await expect(row).toContainText(/8\s*approved\s*0\s*used\s*1\s*booked\s*7\s*left/);
    await expect(row).toContainText('60 days left');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/floor-auth-chart.png` });

    // A pending request for the same patient shows on the work list under "waiting".
    await invoke(page, 'authorizations.create', { patientId: patient.id, status: 'pending', authNumber: 'PA-60001', approvedSessions: 4 });
    await page.getByRole('navigation').getByRole('link', { name: 'Authorizations', exact: true }).click();
    const ending = page.getByRole('region', { name: /Approved, ending within/ });
    // Other specs share this clinic and may have approvals ending sooner: ours (60 days) is not
    // among those ending within 30 days, whatever else is.
    await expect(ending).toContainText(/No approvals end in this time\.|\d+ of \d+/);
    await expect(ending.getByRole('row', { name: new RegExp(surname) })).toHaveCount(0);
    await ending.getByLabel('Ending within').selectOption({ label: '90 days' });
    const endingRow = ending.getByRole('row', { name: new RegExp(surname) });
    await expect(endingRow).toContainText(payer);
    await expect(endingRow).toContainText(/8\s*approved\s*0\s*used\s*1\s*booked\s*7\s*left/);
    const waitingRow = page.getByRole('region', { name: 'Waiting for a decision' }).getByRole('row', { name: new RegExp(surname) });
    await expect(waitingRow).toContainText('Pending decision');
    await expect(waitingRow).toContainText('4 sessions asked for, not approved yet');
    await page.screenshot({ path: `${SHOTS}/floor-auth-worklist.png`, fullPage: true });
    await endingRow.getByRole('link', { name: new RegExp(surname) }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(surname) })).toBeVisible();
  });
});
