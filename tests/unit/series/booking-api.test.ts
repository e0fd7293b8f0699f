import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDateAt, zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-27', '10:00');
let b: TestBackend;
let templateId: string;
let patient: string;

const count = (t: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
  });
  await b.ok('suites.create', { name: 'Suite 1' });
  const rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  await b.ok('shifts.setWeekly', {
    staffId: rn,
    shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 2 })),
  });
  const templates = await b.ok('series.templates.list', {});
  templateId = templates.find((t) => t.sessionCount === 6 && t.windowDays === 14)!.id;
  patient = (await b.ok('patients.create', validPatient)).id;
});
afterEach(() => b.dispose());

describe('proposing and booking a series', () => {
  it('proposes a complete six-session series and books it in one go', async () => {
    const r = await b.ok('series.propose', { patientId: patient, templateId, selfPay: true });
    expect(r.noFit).toBeNull();
    const proposal = r.proposals[0]!;
    expect(proposal.sessions).toHaveLength(6);
    const dates = proposal.sessions.map((s) => localDateAt(ZONE, s.startsAt));
    expect(new Set(dates).size).toBe(6);
    expect(proposal.sessions[0]!.startsAt).toBeGreaterThanOrEqual(NOW);

    const series = await b.ok('series.book', { patientId: patient, templateId, selfPay: true, sessions: proposal.sessions });
    expect(series.status).toBe('planned');
    expect(count('infusion_sessions')).toBe(6);
    expect(count('session_history')).toBe(6);
    expect((await b.ok('series.listForPatient', { patientId: patient })).map((s) => s.id)).toEqual([series.id]);
  });

  it('refuses sessions someone else has taken since the proposal, and saves nothing', async () => {
    const r = await b.ok('series.propose', { patientId: patient, templateId, selfPay: true });
    const sessions = r.proposals[0]!.sessions;
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis', mrn: 'X-2' })).id;
    await b.ok('series.book', { patientId: other, templateId, selfPay: true, sessions });
    const before = { s: count('infusion_series'), log: count('change_log') };
    const err = await b.fail('series.book', { patientId: patient, templateId, selfPay: true, sessions });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/Session 1: Suite 1 is booked \d{1,2}:\d\d [AP]M–\d{1,2}:\d\d [AP]M/);
    expect({ s: count('infusion_series'), log: count('change_log') }).toEqual(before);
  });

  it('needs an authorization or self-pay, and the template\'s gaps', async () => {
    const r = await b.ok('series.propose', { patientId: patient, templateId, selfPay: true });
    const sessions = r.proposals[0]!.sessions;
    expect(await b.fail('series.book', { patientId: patient, templateId, sessions })).toMatchObject({ code: 'VALIDATION', field: 'authorizationId' });
    // Session 2 moved onto session 1's day.
    const squeezed = sessions.map((s, i) => (i === 1 ? { ...s, startsAt: sessions[0]!.startsAt + 2 * 3_600_000 } : s));
    const err = await b.fail('series.book', { patientId: patient, templateId, selfPay: true, sessions: squeezed });
    expect(err.message).toMatch(/Sessions 1 and 2 would be 0 days apart/);
    expect(count('infusion_sessions')).toBe(0);
  });
});
