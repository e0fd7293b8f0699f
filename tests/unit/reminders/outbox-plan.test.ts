import { describe, expect, it } from 'vitest';
import {
  planOutbox,
  REASONS,
  type ExistingRow,
  type OutboxPlan,
  type PlanSession,
  type PlanTemplate,
} from '../../../src-main/backend/reminders/rules/outbox-plan';
import type { ClinicFacts } from '../../../src-main/backend/reminders/rules/render';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2026-12-01', '09:00'); // Tuesday

const clinic: ClinicFacts = {
  timeZone: ZONE,
  clinicName: 'Lakeside',
  clinicAddress: '1200 Lake Shore Dr',
  clinicPhone: '+13125550100',
  arrivalLeadMinutes: 15,
  fastingInstructions: 'No food for 6 hours.',
  driverRequirement: 'Bring a driver.',
};

const twoDays: PlanTemplate = { id: 't48', name: '48 hours before', offset: { kind: 'hours_before', hours: 48 }, channel: 'sms', subject: null, body: 'Hi {firstName}, {date} arrive {arrivalTime} at {address}.', active: true };
const evening: PlanTemplate = { id: 'tev', name: 'Evening before', offset: { kind: 'day_before', time: '18:00' }, channel: 'preferred', subject: 'Tomorrow at {clinicName}', body: 'Tomorrow {time}.', active: true };

function session(id: string, date: string, time: string, over: Partial<PlanSession> = {}): PlanSession {
  const startsAt = at(date, time);
  return {
    id,
    patientId: 'p1',
    seq: 1,
    total: 6,
    startsAt,
    endsAt: startsAt + 5.5 * 3_600_000,
    status: 'scheduled',
    removed: false,
    seriesCancelled: false,
    patient: { firstName: 'Ana', lastName: 'Ramirez', phone: '+13125550147', email: 'ana@example.com', preferredContact: 'sms' },
    ...over,
  };
}

/** Apply a plan to a list of rows, as the service does through db/mutate. */
let nextId = 0;
function apply(rows: ExistingRow[], plan: OutboxPlan, now: number): ExistingRow[] {
  const out = rows.map((r) => {
    const u = plan.updates.find((x) => x.id === r.id);
    return u ? { ...r, ...u.patch } : r;
  });
  for (const f of plan.inserts) out.push({ ...f, id: `r${++nextId}`, createdAt: now });
  return out;
}

function run(sessions: PlanSession[], rows: ExistingRow[] = [], now = NOW, templates = [twoDays, evening], c = clinic) {
  const plan = planOutbox({ now, clinic: c, sessions, templates, rows });
  const after = apply(rows, plan, now);
  // Idempotent: the plan run on its own result changes nothing.
  const again = planOutbox({ now, clinic: c, sessions, templates, rows: after });
  expect(again.inserts).toEqual([]);
  expect(again.updates).toEqual([]);
  return { plan, rows: after };
}

const find = (rows: ExistingRow[], sessionId: string, templateId: string) => rows.filter((r) => r.sessionId === sessionId && r.templateId === templateId);

describe('planning the outbox', () => {
  it('queues one reminder per template for an upcoming session, rendered and due at the right time', () => {
    const { plan } = run([session('s1', '2026-12-07', '10:00')]);
    expect(plan.inserts).toHaveLength(2);
    const [a, b] = plan.inserts;
    expect(a).toMatchObject({ templateId: 't48', status: 'to_send', reason: null, channel: 'sms', recipient: '+13125550147', dueAt: at('2026-12-05', '10:00') });
    expect(a!.body).toBe('Hi Ana, Monday, December 7 arrive 9:45 AM at 1200 Lake Shore Dr.');
    expect(a!.subject).toBeNull();
    // "preferred" with a patient who prefers texts: a text, so no subject.
    expect(b).toMatchObject({ templateId: 'tev', status: 'to_send', channel: 'sms', dueAt: at('2026-12-06', '18:00'), body: 'Tomorrow 10:00 AM.' });
  });

  it('records a reminder already due at booking as skipped, with when it was due', () => {
    // Booked on Tuesday 09:00 for Wednesday 10:00: the 48-hour one was due Monday 10:00.
    const { plan } = run([session('s1', '2026-12-02', '10:00')]);
    const late = plan.inserts.find((r) => r.templateId === 't48')!;
    expect(late.status).toBe('skipped');
    expect(late.reason).toBe('It was due Mon, Nov 30 at 10:00 AM, before the session was booked or moved to this time, so it was not sent.');
    expect(plan.inserts.find((r) => r.templateId === 'tev')!.status).toBe('to_send');
  });

  it('keeps a reminder queued in time waiting after its due time passes, until the session begins', () => {
    const s = session('s1', '2026-12-07', '10:00');
    const first = run([s]).rows;
    const afterDue = at('2026-12-05', '11:00');
    const { plan, rows } = run([s], first, afterDue);
    expect(plan.updates).toEqual([]);
    expect(find(rows, 's1', 't48')[0]!.status).toBe('to_send');
    // Once the session has begun it is too late.
    const begun = { ...s, status: 'arrived' };
    const ended = run([begun], rows, at('2026-12-07', '10:05')).rows;
    expect(find(ended, 's1', 't48')[0]).toMatchObject({ status: 'skipped', reason: REASONS.began });
  });

  it('holds reminders the patient cannot receive, saying what to do', () => {
    const noPhone = session('s1', '2026-12-07', '10:00', { patient: { firstName: 'Ana', lastName: 'R', phone: null, email: 'a@example.com', preferredContact: 'email' } });
    const { rows } = run([noPhone]);
    expect(find(rows, 's1', 't48')[0]).toMatchObject({ status: 'held', channel: 'sms', recipient: null });
    expect(find(rows, 's1', 't48')[0]!.reason).toMatch(/^No phone number on file for a text message/);
    // The preferred channel is e-mail here, with a rendered subject.
    expect(find(rows, 's1', 'tev')[0]).toMatchObject({ status: 'to_send', channel: 'email', recipient: 'a@example.com', subject: 'Tomorrow at Lakeside' });

    // A phone number added later: the held one is queued, nothing else changes.
    const fixed = { ...noPhone, patient: { ...noPhone.patient, phone: '+13125550147' } };
    const { plan, rows: after } = run([fixed], rows);
    expect(plan.updates).toHaveLength(1);
    expect(find(after, 's1', 't48')[0]).toMatchObject({ status: 'to_send', recipient: '+13125550147', reason: null });
  });

  it('turns a patient who prefers calls into a call to make, and respects "do not contact"', () => {
    const caller = session('s1', '2026-12-07', '10:00', { patient: { firstName: 'Ana', lastName: 'R', phone: '+13125550147', email: null, preferredContact: 'phone' } });
    const { rows } = run([caller]);
    expect(find(rows, 's1', 'tev')[0]).toMatchObject({ status: 'held', channel: 'phone', recipient: '+13125550147' });
    expect(find(rows, 's1', 'tev')[0]!.reason).toMatch(/prefers a phone call: call with this message, then mark it sent/);
    const none = session('s2', '2026-12-07', '10:00', { patient: { firstName: 'B', lastName: 'C', phone: '+13125550148', email: null, preferredContact: 'none' } });
    const r2 = run([none]).rows;
    expect(r2.map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'The patient asked not to be contacted.'],
      ['skipped', 'The patient asked not to be contacted.'],
    ]);
  });

  it('holds everything that needs the clinic address until it is set', () => {
    const s = session('s1', '2026-12-07', '10:00');
    const { rows } = run([s], [], NOW, [twoDays, evening], { ...clinic, clinicAddress: null });
    expect(find(rows, 's1', 't48')[0]).toMatchObject({ status: 'held', reason: 'The clinic address is not set: add it in Settings → Reminders.' });
    expect(find(rows, 's1', 'tev')[0]!.status).toBe('to_send'); // it does not use {address}
    const after = run([s], rows).rows;
    expect(find(after, 's1', 't48')[0]).toMatchObject({ status: 'to_send', reason: null });
  });

  it('re-writes a reminder not yet sent when the session moves, and queues a new one after a sent one', () => {
    const s = session('s1', '2026-12-07', '10:00');
    let rows = run([s]).rows;
    rows = rows.map((r) => (r.templateId === 't48' ? { ...r, status: 'sent' as const } : r));
    const moved = { ...s, startsAt: at('2026-12-08', '13:00'), endsAt: at('2026-12-08', '18:30') };
    const { plan, rows: after } = run([moved], rows);
    // The evening-before reminder (not sent) is re-written in place...
    const ev = find(after, 's1', 'tev');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ status: 'to_send', dueAt: at('2026-12-07', '18:00'), body: 'Tomorrow 1:00 PM.', sessionStartsAt: moved.startsAt });
    // ...the sent 48-hour one stays as history and a new one is queued for the new time.
    const two = find(after, 's1', 't48');
    expect(two.map((r) => [r.status, r.sessionStartsAt])).toEqual([
      ['sent', s.startsAt],
      ['to_send', moved.startsAt],
    ]);
    expect(plan.inserts).toHaveLength(1);
  });

  it('cancels reminders still waiting when the session is cancelled, and leaves sent ones alone', () => {
    const s = session('s1', '2026-12-07', '10:00');
    let rows = run([s]).rows;
    rows = rows.map((r) => (r.templateId === 't48' ? { ...r, status: 'sent' as const } : r));
    const after = run([{ ...s, status: 'cancelled' }], rows).rows;
    expect(after.map((r) => [r.templateId, r.status, r.reason])).toEqual([
      ['t48', 'sent', null],
      ['tev', 'cancelled', REASONS.cancelled],
    ]);
    const removed = run([{ ...s, removed: true }], run([s]).rows).rows;
    expect(removed.every((r) => r.status === 'cancelled' && r.reason === REASONS.removed)).toBe(true);
  });

  it('cancels waiting reminders of a switched-off template, and brings them back when it is on again', () => {
    const s = session('s1', '2026-12-07', '10:00');
    const rows = run([s]).rows;
    const off = run([s], rows, NOW, [twoDays, { ...evening, active: false }]).rows;
    expect(find(off, 's1', 'tev')[0]).toMatchObject({ status: 'cancelled', reason: 'The “Evening before” reminder was switched off.' });
    const on = run([s], off).rows;
    expect(find(on, 's1', 'tev')).toHaveLength(1);
    expect(find(on, 's1', 'tev')[0]).toMatchObject({ status: 'to_send', reason: null });
  });

  it('cancels a duplicate made on another device, keeping the older', () => {
    const s = session('s1', '2026-12-07', '10:00');
    const rows = run([s]).rows;
    const copy = { ...find(rows, 's1', 't48')[0]!, id: 'zz-other-device', createdAt: NOW + 1 };
    const after = run([s], [...rows, copy]).rows;
    expect(find(after, 's1', 't48').map((r) => [r.id === 'zz-other-device', r.status])).toEqual([
      [false, 'to_send'],
      [true, 'cancelled'],
    ]);
  });
});
