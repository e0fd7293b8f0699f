import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';
import { inThePast } from './past-clinic';

/**
 * Four infusions of a six-session series were given over the past days (written with the
 * clinic's clock on those days); today a nurse records the after-score of session 4 and the
 * before-score of session 5 on the chart and sees the chart and the category change; the
 * patient, below 30% after session 4, is in the review queue where a clinician records a
 * decision; the payer report downloads; the dashboard shows completeness.
 */
const DAY = 86_400_000;

test('scores for a session, the chart and category, the review queue and the payer report', async ({ page }) => {
  test.setTimeout(90_000);
  const settings = await invoke(page, 'settings.get', {});
  const zone = settings.timeZone;
  const dateOf = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(t);
  const tag = uniqueSurname('');
  const surname = uniqueSurname('Outcome');
  const today = dateOf(Date.now());
  // 09:00 clinic time on a day relative to today (DST-safe enough for a test: noon offsets).
  const nineOn = (days: number) => {
    const noonUtc = Date.parse(`${today}T12:00:00Z`) + days * DAY;
    const d = new Date(noonUtc).toISOString().slice(0, 10);
    const guess = Date.parse(`${d}T09:00:00Z`);
    const hh = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(guess));
    return guess - (hh - 9) * 3_600_000;
  };
  const days = [-9, -7, -5, -3, 1, 3];

  const ids = await inThePast(nineOn(-12), async (c) => {
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' }));
    const suite = await c.call('suites.create', { name: `Suite O ${tag}`, openingHours: allDay } as never);
    const rn = await c.call('staff.create', { name: `Nurse O ${tag}, RN`, role: 'rn' });
    await c.call('shifts.setWeekly', { staffId: rn.id, shifts: allDay.map((h) => ({ weekday: h.day, startTime: '00:00', endTime: '23:59', maxConcurrent: 4 })) });
    const template = (await c.call('series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!;
    const patient = await c.call('patients.create', {
      firstName: 'Nora',
      lastName: surname,
      dateOfBirth: '1972-05-05',
      sex: 'female',
      phone: '5125550177',
      preferredContact: 'phone',
    } as never);
    await c.call('outcomes.recordScore', { patientId: patient.id, instrument: 'nrs', timePoint: 'baseline', value: 8, observedAt: nineOn(-12) } as never);
    const series = await c.call('series.book', {
      patientId: patient.id,
      templateId: template.id,
      selfPay: true,
      sessions: days.map((d, i) => ({ seq: i + 1, suiteId: suite.id, supervisorId: rn.id, startsAt: nineOn(d), infusionStartsAt: 0, recoveryStartsAt: 0, endsAt: 0 })),
    });
    // Sessions 1-4 given: before-scores 8, 8, 7, 8; after-scores 6 for sessions 1-2 (session 3's
    // was missed and is owed; session 4's is taken today).
    const before = [8, 8, 7, 8];
    for (let i = 0; i < 4; i++) {
      const s = series.sessions[i]!;
      c.at(s.startsAt - 10 * 60_000);
      await c.call('sessions.setStatus', { sessionId: s.id, status: 'arrived' });
      c.at(s.startsAt - 5 * 60_000);
      await c.call('outcomes.recordScore', { patientId: patient.id, instrument: 'nrs', timePoint: 'pre_session', sessionId: s.id, value: before[i]!, observedAt: s.startsAt - 5 * 60_000 } as never);
      for (const item of ['fasting', 'driver', 'authorization', 'consent'] as const) await c.call('sessions.updateChecklist', { sessionId: s.id, item, done: true });
      c.at(s.startsAt);
      await c.call('sessions.setStatus', { sessionId: s.id, status: 'iv_placed' });
      c.at(s.infusionStartsAt);
      await c.call('sessions.setStatus', { sessionId: s.id, status: 'infusing' });
      c.at(s.recoveryStartsAt);
      await c.call('sessions.setStatus', { sessionId: s.id, status: 'recovery' });
      c.at(s.recoveryStartsAt + 30 * 60_000);
      if (i < 2) await c.call('outcomes.recordScore', { patientId: patient.id, instrument: 'nrs', timePoint: 'post_session', sessionId: s.id, value: 6, observedAt: s.recoveryStartsAt + 30 * 60_000 } as never);
      c.at(s.endsAt);
      await c.call('sessions.setStatus', { sessionId: s.id, status: 'discharged', driverName: 'Arne Lindqvist', driverPhone: '(512) 555-0178' });
    }
    return { patientId: patient.id };
  });

  // Today, on the chart: the after-score of session 4 and the before-score of session 5.
  await openApp(page, `/patients/${ids.patientId}`);
  const area = page.getByRole('region', { name: 'Pain outcomes' });
  await expect(area).toContainText('How response is judged');
  const row = (n: number) => area.getByRole('row', { name: new RegExp(`^${n} · `) });
  await expect(row(4)).toContainText('no meaningful change');
  await row(4).getByRole('button', { name: 'After score for session 4' }).click();
  const form = area.getByRole('form', { name: 'Record a score' });
  await form.getByLabel(/^Score/).fill('11');
  await form.getByRole('button', { name: 'Save score' }).click();
  await expect(form.locator('.field-error')).toContainText('NRS is a whole number from 0 to 10.');
  await form.getByLabel(/^Score/).fill('6');
  await form.getByRole('button', { name: 'Save score' }).click();
  await expect(form).toHaveCount(0);
  await expect(row(4).getByRole('cell').nth(2)).toHaveText('6');
  await expect(row(4).getByRole('cell').nth(3)).toHaveText('−2 points');

  await row(5).getByRole('button', { name: 'Before score for session 5' }).click();
  await form.getByLabel(/^Score/).fill('4');
  await form.getByRole('button', { name: 'Save score' }).click();
  await expect(form).toHaveCount(0);
  // Mean of the last two before-scores (8, 4) = 6 against 8: 25% lower, minimal.
  await expect(row(5)).toContainText('minimal');
  await expect(row(5)).toContainText('25%');
  // A correction is a new score that replaces the old one; both are kept.
  await area.getByText(/^All scores/).click();
  const scores = area.locator('.outcome-scores');
  await scores.getByRole('row', { name: /Before session 5/ }).getByRole('button', { name: 'Correct' }).click();
  const correction = area.getByRole('form', { name: 'Correct a score' });
  await correction.getByLabel(/^Score/).fill('5');
  await correction.getByRole('button', { name: 'Save correction' }).click();
  await expect(correction).toHaveCount(0);
  // (8 + 5) / 2 = 6.5 against 8: 19% lower.
  await expect(row(5)).toContainText('19%');
  await scores.getByLabel('Show scores replaced by a correction').check();
  await expect(scores.getByRole('row', { name: /replaced by a correction/ })).toContainText('4');
  await expect(area.locator('.trend-chart svg .recharts-line')).toHaveCount(1);
  await expect(area.locator('.trend-chart')).toContainText('Baseline 8');
  await expect(area.locator('.trend-chart')).toContainText('30% lower');
  await area.locator('.trend-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/outcomes-chart.png' });

  // Below 30% after session 4: in the review queue; a clinician decides.
  await openApp(page, '/outcomes');
  await page.getByRole('tab', { name: 'Review queue' }).click();
  const item = page.getByRole('listitem', { name: `Review: ${surname}, Nora` });
  await expect(item).toContainText('30%');
  await page.screenshot({ path: '/tmp/shots/outcomes-review.png' });
  await item.getByLabel('Change the protocol').check();
  await item.getByRole('button', { name: 'Record decision' }).click();
  await expect(item.locator('.field-error')).toContainText('Say how the protocol changes.');
  await item.getByLabel('Note').fill('Add magnesium; reassess after two infusions.');
  await item.getByRole('button', { name: 'Record decision' }).click();
  await expect(item).toHaveCount(0);
  await page.getByLabel('Show decided flags too').check();
  await expect(page.getByRole('listitem', { name: `Review: ${surname}, Nora` })).toContainText('Decided: Change the protocol');

  // The payer report: a PDF filed with the patient's documents and downloaded.
  await openApp(page, `/patients/${ids.patientId}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Payer report (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  await expect(page.getByRole('region', { name: 'Pain outcomes' }).getByRole('status')).toContainText('Outcomes report saved');

  // Scores owed and the dashboard.
  await openApp(page, '/outcomes');
  await expect(page.getByRole('tabpanel')).toContainText(`${surname}, Nora`);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('of expected scores recorded');
  await page.screenshot({ path: '/tmp/shots/outcomes-dashboard.png', fullPage: true });
});
