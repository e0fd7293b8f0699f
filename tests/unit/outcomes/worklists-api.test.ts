/** outcomes.due, outcomes.reviewQueue and outcomes.recordDisposition on a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, DAY, HOUR, MIN, OutcomesClinic } from './api-clinic';

let c: OutcomesClinic;
beforeEach(async () => {
  c = await OutcomesClinic.open(at('2026-05-13', '15:00'));
});
afterEach(() => c.dispose());

describe('the due list', () => {
  it('after-infusion scores not taken by discharge and follow-ups past their date, most overdue first, with names', async () => {
    // Ana: session 2 today, discharged at 13:10 without an after-infusion NRS.
    const ana = await c.patient('Ana', 'Ramirez');
    const a = c.series(ana, { count: 3, firstDate: '2026-05-11', dischargedThrough: 2 });
    await c.scores(ana, 8, a.sessions, [7, 6], [5]);
    // Luis: series ended 04/27 13:10; the 1-week follow-up was due 05/04, overdue since 05/07.
    const luis = await c.patient('Luis', 'Ortega');
    const l = c.series(luis, { count: 2, firstDate: '2026-04-25' });
    await c.scores(luis, 7, l.sessions, [6, 5], [4, 4]);
    // Mia: a series that ended long ago; its missed follow-ups are past the listing window.
    const mia = await c.patient('Mia', 'Chen');
    const m = c.series(mia, { count: 2, firstDate: '2025-10-06' });
    await c.scores(mia, 6, m.sessions, [6, 5], [4, 4]);

    const due = await c.b.ok('outcomes.due', {});
    expect(due.items.map((d) => [d.patientName, d.kind, d.status, d.daysOverdue, d.message])).toEqual([
      ['Ortega, Luis', 'follow_up', 'overdue', 6, '1 week follow-up due 05/04, overdue since 05/07'],
      ['Ramirez, Ana', 'after_infusion', 'overdue', 0, 'after-infusion NRS for session 2 not taken by discharge (05/13 13:10)'],
    ]);
    expect(due).toMatchObject({ total: 2, overdue: 2, listForDays: 14 });
    expect(due.items[1]).toMatchObject({ mrn: 'MRN-ANA-RAMIREZ', sessionId: a.sessions[1]!.id, sessionSeq: 2, seriesId: a.seriesId });
    expect((await c.b.ok('outcomes.due', { kind: 'follow_up' })).items.map((d) => d.patientName)).toEqual(['Ortega, Luis']);

    // Taking the scores clears them.
    await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'post_session', sessionId: a.sessions[1]!.id, value: 4, observedAt: c.now - 30 * MIN });
    await c.record({ patientId: luis, instrument: 'nrs', timePoint: 'follow_up', followUp: 'followup_1w', value: 4, observedAt: c.now - HOUR });
    expect((await c.b.ok('outcomes.due', {})).items).toEqual([]);
  });

  it('a session in the suite now: before-infusion due today, after-infusion due by discharge', async () => {
    c.now = at('2026-05-13', '09:00');
    const ana = await c.patient('Ana', 'Ramirez');
    c.series(ana, { count: 2, firstDate: '2026-05-13', dischargedThrough: 0, restStatus: 'arrived' });
    const due = await c.b.ok('outcomes.due', {});
    expect(due.items.map((d) => [d.kind, d.status, d.sessionSeq, d.message])).toEqual([
      ['before_infusion', 'due', 1, 'before-infusion NRS for session 1 due before IV placement (05/13 08:00)'],
    ]);
    expect(due.overdue).toBe(0);
    expect((await c.b.ok('outcomes.due', { overdueOnly: true })).items).toEqual([]);
  });
});

describe('the review queue and dispositions', () => {
  async function nonResponder(first = 'Ana', last = 'Ramirez', count = 4) {
    const pid = await c.patient(first, last);
    const s = c.series(pid, { count, firstDate: '2026-04-20' });
    // Baseline 8; the last two before-infusion scores 7 and 6 → 6.5 = 19% lower.
    await c.scores(pid, 8, s.sessions, [8, 7, 7, 6, 6, 6].slice(0, count));
    return { pid, ...s };
  }

  it('lists a patient below 30% after session 4 with the reason and the numbers; a good responder is not listed', async () => {
    const { pid, seriesId, sessions } = await nonResponder();
    const good = await c.patient('Luis', 'Ortega');
    const g = c.series(good, { count: 4, firstDate: '2026-04-20' });
    await c.scores(good, 8, g.sessions, [7, 6, 4, 4]);
    const q = await c.b.ok('outcomes.reviewQueue', {});
    expect(q.total).toBe(1);
    expect(q.items[0]).toMatchObject({
      patientId: pid,
      patientName: 'Ramirez, Ana',
      seriesId,
      at: 'after_session',
      sessionSeq: 4,
      flaggedAt: sessions[3]!.dischargedAt,
      threshold: 30,
      baseline: 8,
      compared: 6.5,
      pointsReduction: 1.5,
      category: 'minimal',
      disposition: null,
      reason:
        'Less than 30% reduction after session 4: 19% reduction. Mean of the last two before-infusion NRS scores (7, 6 → 6.5) against the baseline NRS of 8: 19% lower, minimal (≥ 10%)',
    });
    expect(q.items[0]!.percentReduction).toBeCloseTo(18.75, 6);
  });

  it('a disposition is kept (who, when, what) and the flag leaves the queue until a new flag arises', async () => {
    const { pid, sessions } = await nonResponder('Ana', 'Ramirez', 6);
    // Series of 6: flagged after session 4 and again at its end (session 6).
    let q = await c.b.ok('outcomes.reviewQueue', {});
    expect(q.items.map((f) => [f.at, f.sessionSeq])).toEqual([
      ['after_session', 4],
      ['end_of_series', 6],
    ]);
    const [afterFour, atEnd] = q.items;
    const d = await c.b.ok('outcomes.recordDisposition', { patientId: pid, flagKey: afterFour!.flagKey, disposition: 'continue', note: 'Finish the series, then reassess.', decidedBy: 'Dr. Patel' });
    expect(d).toMatchObject({ disposition: 'continue', dispositionLabel: 'Continue the treatment', decidedBy: 'Dr. Patel', decidedAt: c.now, reason: afterFour!.reason, note: 'Finish the series, then reassess.' });
    q = await c.b.ok('outcomes.reviewQueue', {});
    expect(q.items.map((f) => f.flagKey)).toEqual([atEnd!.flagKey]);
    const all = await c.b.ok('outcomes.reviewQueue', { includeDisposed: true });
    expect(all.items.map((f) => [f.sessionSeq, f.disposition?.disposition ?? null])).toEqual([
      [6, null],
      [4, 'continue'],
    ]);

    c.now += HOUR;
    await c.b.ok('outcomes.recordDisposition', { patientId: pid, flagKey: atEnd!.flagKey, disposition: 'change_protocol', note: 'Longer infusions (6 h) for the next series.' });
    expect((await c.b.ok('outcomes.reviewQueue', {})).items).toEqual([]);
    const summary = await c.b.ok('outcomes.patientSummary', { patientId: pid });
    expect(summary.series[0]!.dispositions.map((x) => [x.disposition, x.decidedBy])).toEqual([
      ['continue', 'Dr. Patel'],
      ['change_protocol', 'Clinic administrator'],
    ]);
    expect(summary.series[0]!.flags.every((f) => f.disposition !== null)).toBe(true);
    void sessions;
  });

  it('refuses a decision without the words it needs, or on a flag that is not raised, and saves nothing', async () => {
    const { pid } = await nonResponder();
    const flag = (await c.b.ok('outcomes.reviewQueue', {})).items[0]!;
    const other = await c.patient('Luis', 'Ortega');
    const before = { d: c.count('outcome_dispositions'), log: c.count('change_log') };
    expect(await c.b.fail('outcomes.recordDisposition', { patientId: pid, flagKey: flag.flagKey, disposition: 'other' })).toMatchObject({ code: 'VALIDATION', field: 'note', message: 'Say what was decided.' });
    expect(await c.b.fail('outcomes.recordDisposition', { patientId: pid, flagKey: flag.flagKey, disposition: 'pause' })).toMatchObject({ code: 'VALIDATION', field: 'disposition' });
    expect(await c.b.fail('outcomes.recordDisposition', { patientId: pid, flagKey: `${flag.seriesId}:end_of_series:${flag.sessionId}`, disposition: 'stop' })).toMatchObject({
      code: 'VALIDATION',
      field: 'flagKey',
    });
    expect(await c.b.fail('outcomes.recordDisposition', { patientId: other, flagKey: flag.flagKey, disposition: 'stop' })).toMatchObject({ field: 'flagKey' });
    expect({ d: c.count('outcome_dispositions'), log: c.count('change_log') }).toEqual(before);
  });

  it('a corrected score that lifts the patient over 30% removes the flag', async () => {
    const { pid, sessions } = await nonResponder();
    expect((await c.b.ok('outcomes.reviewQueue', {})).total).toBe(1);
    const summary = await c.b.ok('outcomes.patientSummary', { patientId: pid });
    const wrong = summary.series[0]!.sessions[3]!.before!;
    await c.record({ patientId: pid, instrument: 'nrs', timePoint: 'pre_session', sessionId: sessions[3]!.id, value: 4, observedAt: wrong.observedAt, supersedesId: wrong.id });
    // (7 + 4) / 2 = 5.5 → 31% lower.
    expect((await c.b.ok('outcomes.reviewQueue', {})).total).toBe(0);
    void DAY;
  });
});
