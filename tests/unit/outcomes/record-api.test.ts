import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, DAY, HOUR, MIN, OutcomesClinic, type SessionPlan } from './api-clinic';

let c: OutcomesClinic;
let ana: string;
let luis: string;
let done: { seriesId: string; sessions: SessionPlan[] };
let running: { seriesId: string; sessions: SessionPlan[] };
let luisSeries: { seriesId: string; sessions: SessionPlan[] };

beforeEach(async () => {
  c = await OutcomesClinic.open(at('2026-04-20', '10:00'));
  ana = await c.patient('Ana', 'Ramirez');
  luis = await c.patient('Luis', 'Ortega');
  // Ana: a finished 4-session series in March, and a booster series running now.
  done = c.series(ana, { count: 4, firstDate: '2026-03-02' });
  running = c.series(ana, { count: 2, firstDate: '2026-04-20', dischargedThrough: 0, restStatus: 'infusing' });
  luisSeries = c.series(luis, { count: 2, firstDate: '2026-03-03' });
});
afterEach(() => c.dispose());

describe('recording scores at every time point', () => {
  it('stores before/after scores with their session number and series, and a follow-up against the finished series', async () => {
    const s2 = done.sessions[1]!;
    const pre = await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'pre_session', sessionId: s2.id, value: 7, observedAt: s2.startsAt + 10 * MIN });
    expect(pre).toMatchObject({ timePoint: 'pre_session', sessionId: s2.id, sessionSeq: 2, seriesId: done.seriesId, source: 'staff', recordedBy: 'Clinic administrator' });
    const vas = await c.record({ patientId: ana, instrument: 'vas', timePoint: 'post_session', sessionId: s2.id, value: 41.5, observedAt: s2.startsAt + 5 * HOUR, recordedBy: 'RN Kim' });
    expect(vas).toMatchObject({ value: 41.5, sessionSeq: 2, recordedBy: 'RN Kim' });
    // No series named: the latest finished one (the running booster has not ended).
    const fu = await c.record({
      patientId: ana,
      instrument: 'pgic',
      timePoint: 'follow_up',
      followUp: 'followup_1w',
      value: 2,
      observedAt: done.sessions[3]!.dischargedAt! + 8 * DAY,
      source: 'patient_questionnaire',
    });
    expect(fu).toMatchObject({ seriesId: done.seriesId, followUp: 'followup_1w', followUpLabel: '1 week', source: 'patient_questionnaire', sessionSeq: null });
    const peg = await c.record({ patientId: ana, instrument: 'peg', timePoint: 'follow_up', followUp: 'followup_1w', items: [6, 5, 4], observedAt: done.sessions[3]!.dischargedAt! + 8 * DAY });
    expect(peg.value).toBe(5);
  });

  it('a correction is a new row that supersedes: the summary counts the corrected value, the history keeps both', async () => {
    const s1 = done.sessions[0]!;
    const wrong = await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'pre_session', sessionId: s1.id, value: 3, observedAt: s1.startsAt });
    const fixed = await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'pre_session', sessionId: s1.id, value: 8, observedAt: s1.startsAt, supersedesId: wrong.id });
    const summary = await c.b.ok('outcomes.patientSummary', { patientId: ana });
    expect(summary.series[0]!.sessions[0]!.before).toMatchObject({ id: fixed.id, value: 8 });
    const history = await c.b.ok('outcomes.patientSummary', { patientId: ana, includeSuperseded: true });
    expect(history.scores.map((s) => [s.value, s.supersededById])).toEqual([
      [3, fixed.id],
      [8, null],
    ]);
    expect(await c.b.fail('outcomes.recordScore', { patientId: ana, instrument: 'nrs', timePoint: 'pre_session', sessionId: s1.id, value: 6, observedAt: s1.startsAt, supersedesId: wrong.id })).toMatchObject({ code: 'CONFLICT', field: 'supersedesId' });
  });

  it('publishes outcomes.changed (and intake.changed for a baseline)', async () => {
    const topics: string[] = [];
    c.b.subscribe((e) => topics.push(e.topic));
    await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'baseline', value: 8, observedAt: at('2026-02-20', '09:00') });
    await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'pre_session', sessionId: done.sessions[0]!.id, value: 7, observedAt: done.sessions[0]!.startsAt });
    await c.b.ok('scores.record', { patientId: ana, instrument: 'vas', value: 70, observedAt: at('2026-02-20', '09:00') });
    expect(topics.filter((t) => t !== 'reminders.changed')).toEqual(['intake.changed', 'outcomes.changed', 'outcomes.changed', 'outcomes.changed', 'intake.changed']);
  });
});

describe('outcomes.reference', () => {
  it('gives the record form its instruments, follow-ups, PGIC answers and the rules in words', async () => {
    const r = await c.b.ok('outcomes.reference', {});
    expect(r.instruments.map((i) => [i.id, i.min, i.max, i.step])).toEqual([
      ['nrs', 0, 10, 1],
      ['vas', 0, 100, 0.1],
      ['peg', 0, 10, 1],
      ['bpi_interference', 0, 10, 1],
      ['pgic', 1, 7, 1],
    ]);
    expect(r.instruments.find((i) => i.id === 'pgic')!.timePoints).toEqual(['follow_up']);
    expect(r.followUps.map((f) => [f.key, f.label, f.offsetDays])).toEqual([
      ['followup_1w', '1 week', 7],
      ['followup_1m', '1 month', 30],
      ['followup_3m', '3 months', 90],
    ]);
    expect(r.pgicAnswers[0]).toEqual({ value: 1, label: 'Very much improved' });
    expect(r.dispositions.map((d) => d.id)).toEqual(['continue', 'change_protocol', 'stop', 'other']);
    expect(r.comparison.sentence).toBe('Mean of the last two before-infusion NRS scores against the baseline NRS');
    expect(r.review.sentence).toBe('A patient with less than 30% reduction after session 4 or at the end of the series is listed for clinical review.');
  });
});

describe('bad input is refused with the field named, and nothing is saved', () => {
  const s = () => done.sessions[0]!;
  const end = () => done.sessions[3]!.dischargedAt!;
  const cases: [string, () => Record<string, unknown>, string, RegExp][] = [
    ['NRS above 10', () => ({ instrument: 'nrs', timePoint: 'baseline', value: 11, observedAt: at('2026-02-20', '09:00') }), 'value', /whole number from 0 to 10/],
    ['NRS below 0', () => ({ instrument: 'nrs', timePoint: 'baseline', value: -1, observedAt: at('2026-02-20', '09:00') }), 'value', /whole number from 0 to 10/],
    ['NRS not a whole number', () => ({ instrument: 'nrs', timePoint: 'pre_session', sessionId: s().id, value: 6.5, observedAt: s().startsAt }), 'value', /whole number/],
    ['VAS above 100', () => ({ instrument: 'vas', timePoint: 'baseline', value: 100.5, observedAt: at('2026-02-20', '09:00') }), 'value', /0 to 100/],
    ['VAS below 0', () => ({ instrument: 'vas', timePoint: 'baseline', value: -2, observedAt: at('2026-02-20', '09:00') }), 'value', /0 to 100/],
    ['PGIC outside 1-7', () => ({ instrument: 'pgic', timePoint: 'follow_up', followUp: 'followup_1w', value: 0, observedAt: end() + 8 * DAY }), 'value', /1 to 7/],
    ['PGIC before a session', () => ({ instrument: 'pgic', timePoint: 'pre_session', sessionId: s().id, value: 3, observedAt: s().startsAt }), 'timePoint', /follow-ups only/],
    ['a score in the future', () => ({ instrument: 'nrs', timePoint: 'baseline', value: 5, observedAt: c.now + HOUR }), 'observedAt', /future/],
    ['a score before birth', () => ({ instrument: 'nrs', timePoint: 'baseline', value: 5, observedAt: at('1980-01-01', '09:00') }), 'observedAt', /date of birth/],
    ['a follow-up dated before its series ended', () => ({ instrument: 'nrs', timePoint: 'follow_up', followUp: 'followup_1w', seriesId: done.seriesId, value: 4, observedAt: end() - HOUR }), 'observedAt', /after the series ended \(last session discharged 03\/08\/2026 13:10\)/],
    ['a follow-up of a series still running', () => ({ instrument: 'nrs', timePoint: 'follow_up', followUp: 'followup_1w', seriesId: running.seriesId, value: 4, observedAt: c.now }), 'seriesId', /has not ended yet/],
    ['a follow-up the clinic does not have', () => ({ instrument: 'nrs', timePoint: 'follow_up', followUp: 'followup_2y', value: 4, observedAt: c.now }), 'followUp', /1 week, 1 month, 3 months/],
    ['a follow-up without which one', () => ({ instrument: 'nrs', timePoint: 'follow_up', value: 4, observedAt: c.now }), 'followUp', /which follow-up/],
    ['a before-infusion score without its session', () => ({ instrument: 'nrs', timePoint: 'pre_session', value: 6, observedAt: c.now }), 'sessionId', /Choose the session/],
    ['a before-infusion score for another patient\'s session', () => ({ instrument: 'nrs', timePoint: 'pre_session', sessionId: luisSeries.sessions[0]!.id, value: 6, observedAt: luisSeries.sessions[0]!.startsAt }), 'sessionId', /another patient/],
    ['an after-infusion score before the recorded end of the infusion', () => ({ instrument: 'nrs', timePoint: 'post_session', sessionId: s().id, value: 6, observedAt: s().startsAt - HOUR }), 'observedAt', /once the infusion has ended: session 1's infusion ended at 03\/02\/2026 12:00, and this score is dated 03\/02\/2026 07:00/],
    ['a baseline naming a session', () => ({ instrument: 'nrs', timePoint: 'baseline', sessionId: s().id, value: 6, observedAt: s().startsAt - DAY }), 'sessionId', /no session/],
  ];
  it.each(cases)('%s', async (_name, input, field, message) => {
    const before = { scores: c.count('scores'), log: c.count('change_log') };
    const err = await c.b.fail('outcomes.recordScore', { patientId: ana, ...input() });
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
    expect({ scores: c.count('scores'), log: c.count('change_log') }).toEqual(before);
  });

  it('intake\'s scores.record refuses a before-infusion time point (it has no session field)', async () => {
    expect(await c.b.fail('scores.record', { patientId: ana, instrument: 'nrs', timePoint: 'pre_session', value: 5, observedAt: c.now })).toMatchObject({ code: 'VALIDATION', field: 'sessionId' });
    expect(c.count('scores')).toBe(0);
  });

  it('a correction must be of the same scale, patient and session', async () => {
    const first = await c.record({ patientId: ana, instrument: 'nrs', timePoint: 'pre_session', sessionId: s().id, value: 6, observedAt: s().startsAt });
    const n = c.count('scores');
    expect(await c.b.fail('outcomes.recordScore', { patientId: ana, instrument: 'vas', timePoint: 'pre_session', sessionId: s().id, value: 60, observedAt: s().startsAt, supersedesId: first.id })).toMatchObject({ field: 'supersedesId' });
    expect(await c.b.fail('outcomes.recordScore', { patientId: ana, instrument: 'nrs', timePoint: 'pre_session', sessionId: done.sessions[1]!.id, value: 6, observedAt: done.sessions[1]!.startsAt, supersedesId: first.id })).toMatchObject({ field: 'supersedesId' });
    expect(c.count('scores')).toBe(n);
  });
});
