/** outcomes.dashboard on a real SQLite file: response rates by group and data completeness. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, DAY, OutcomesClinic } from './api-clinic';

let c: OutcomesClinic;

beforeAll(async () => {
  c = await OutcomesClinic.open(at('2026-06-15', '10:00'));
  const templates = await c.b.ok('series.templates.list', {});
  const initial = templates.find((t) => t.sessionCount === 6)!;
  const fiveDays = templates.find((t) => t.sessionCount === 5)!;
  const aetna = (await c.b.ok('payers.create', { name: 'Aetna' })).id;
  const tA = { templateId: initial.id, templateName: initial.name };
  const tB = { templateId: fiveDays.id, templateName: fiveDays.name };

  // P1: CRPS, Aetna, initial series, ended 04/08: 10 → (7, 7) = 30% (moderate). Everything taken.
  const p1 = await c.patient('Ana', 'Ramirez');
  await c.b.ok('intake.addDiagnosis', { patientId: p1, fields: { code: 'G90.512', isPrimary: true } });
  // A secondary diagnosis recorded later: P1 is still counted under the primary, CRPS.
  await c.b.ok('intake.addDiagnosis', { patientId: p1, fields: { code: 'M79.7', isPrimary: false } });
  const auth1 = (await c.b.ok('authorizations.create', { patientId: p1, payerId: aetna, status: 'approved', approvedSessions: 6, startDate: '2026-04-01', endDate: '2026-06-30', authNumber: 'A-5521' })).id;
  const s1 = c.series(p1, { count: 2, firstDate: '2026-04-06', ...tA, authorizationId: auth1 });
  await c.scores(p1, 10, s1.sessions, [7, 7], [5, 5]);
  await c.record({ patientId: p1, instrument: 'nrs', timePoint: 'follow_up', followUp: 'followup_1w', value: 6, observedAt: s1.sessions[1]!.dischargedAt! + 7 * DAY });

  // P2: fibromyalgia, self-pay, 5-day template, ended 04/15: 8 → (8, 7) = 6% (none). One after-score missing.
  const p2 = await c.patient('Luis', 'Ortega');
  await c.b.ok('intake.addDiagnosis', { patientId: p2, fields: { code: 'M79.7', isPrimary: true } });
  const s2 = c.series(p2, { count: 2, firstDate: '2026-04-13', ...tB });
  await c.scores(p2, 8, s2.sessions, [8, 7], [6]);

  // P3: no diagnosis, self-pay, initial series, ended 04/22: no baseline, one before-score → not evaluable.
  const p3 = await c.patient('Mia', 'Chen');
  const s3 = c.series(p3, { count: 2, firstDate: '2026-04-20', ...tA });
  await c.scores(p3, null, s3.sessions, [6]);

  // P4: ended in May: outside the period.
  const p4 = await c.patient('Noor', 'Haddad');
  await c.b.ok('intake.addDiagnosis', { patientId: p4, fields: { code: 'G90.512', isPrimary: true } });
  const s4 = c.series(p4, { count: 2, firstDate: '2026-05-04', ...tA });
  await c.scores(p4, 9, s4.sessions, [4, 4], [3, 3]);
});
afterAll(() => c.dispose());

describe('the clinic dashboard for April', () => {
  it('response rates by diagnosis, payer and template, with their denominators', async () => {
    const d = await c.b.ok('outcomes.dashboard', { from: '2026-04-01', to: '2026-04-30' });
    expect(d.overall).toMatchObject({ series: 3, evaluable: 2, moderate: 1, substantial: 0, moderateRate: 0.5, substantialRate: 0 });
    const rows = (list: typeof d.byDiagnosis) => list.map((r) => [r.label, r.series, r.evaluable, r.moderate, r.moderateRate]);
    expect(rows(d.byDiagnosis)).toEqual([
      ['Complex regional pain syndrome (CRPS)', 1, 1, 1, 1],
      ['Fibromyalgia', 1, 1, 0, 0],
      ['No diagnosis recorded', 1, 0, 0, null],
    ]);
    expect(rows(d.byPayer)).toEqual([
      ['Self-pay', 2, 1, 0, 0],
      ['Aetna', 1, 1, 1, 1],
    ]);
    expect(rows(d.byTemplate)).toEqual([
      ['Initial series: 6 infusions over 2 weeks', 2, 1, 1, 1],
      ['5 consecutive days', 1, 1, 0, 0],
    ]);
    expect(d.definition).toMatch(/^Series whose last session was between 04\/01\/2026 and 04\/30\/2026\. A series responds when, at its last session, mean of the last two before-infusion NRS scores against the baseline NRS is at least 30% lower/);
  });

  it('data completeness: the share of expected scores recorded', async () => {
    const d = await c.b.ok('outcomes.dashboard', { from: '2026-04-01', to: '2026-04-30' });
    expect(d.completeness.byKind.map((k) => [k.kind, k.recorded, k.expected])).toEqual([
      ['baseline', 2, 3],
      ['before_infusion', 5, 6],
      ['after_infusion', 3, 6],
      // 1-week follow-ups whose window closed in April: P1's (taken) and P2's (not); P3's closes 05/02.
      ['follow_up', 1, 2],
    ]);
    expect(d.completeness.overall).toMatchObject({ recorded: 11, expected: 17 });
    expect(d.completeness.overall.share).toBeCloseTo(11 / 17, 9);
  });

  it('May holds only P4 (substantial), and the follow-ups whose window closed in May', async () => {
    const d = await c.b.ok('outcomes.dashboard', { from: '2026-05-01', to: '2026-05-31' });
    expect(d.overall).toMatchObject({ series: 1, evaluable: 1, moderate: 1, substantial: 1 });
    // P3 1 week (05/02), P4 1 week (05/16), and the 1-month ones of P1 (05/15), P2 (05/22), P3 (05/29).
    expect(d.completeness.byKind.find((k) => k.kind === 'follow_up')).toMatchObject({ expected: 5, recorded: 0 });
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    expect(await c.b.fail('outcomes.dashboard', { from: '2026-05-01', to: '2026-04-30' })).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(await c.b.fail('outcomes.dashboard', { from: '2026-02-30', to: '2026-04-30' })).toMatchObject({ code: 'VALIDATION', field: 'from' });
  });
});
