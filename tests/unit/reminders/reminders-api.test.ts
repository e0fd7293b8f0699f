import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateRow, type WriteContext } from '../../../src-main/backend/db/mutate';
import { reminderDueAt } from '../../../src-main/backend/reminders/rules/due';
import { remindersFollowSyncs } from '../../../src-main/backend/reminders/sync';
import { infusionSessions } from '../../../src-main/backend/series/schema';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import type { MethodOutput } from '../../../src-shared/api/contract';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { icsUtc, parseIcs } from './ics-parse';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
let now = at('2026-11-27', '10:00'); // Friday
let b: TestBackend;
let seriesTemplateId: string;
let patient: string;

type Series = MethodOutput<'series.book'>;
const count = (t: string, where = "1") => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t} WHERE ${where}`).get() as { n: number }).n;
const outbox = async (input: Parameters<TestBackend['ok']>[1] = {}) => (await b.ok('reminders.outbox.list', input as never)).rows;

/** A series from Monday 30 November (the Friday before is "now"). */
async function bookSeries(patientId = patient, from = at('2026-11-30', '07:00')): Promise<Series> {
  const r = await b.ok('series.propose', { patientId, templateId: seriesTemplateId, selfPay: true, from });
  return b.ok('series.book', { patientId, templateId: seriesTemplateId, selfPay: true, sessions: r.proposals[0]!.sessions });
}

async function setClinicDetails() {
  return b.ok('reminders.settings.update', { clinicAddress: '1200 Lake Shore Dr, Suite 300, Chicago, IL 60611', clinicPhone: '(312) 555-0100' });
}

beforeEach(async () => {
  now = at('2026-11-27', '10:00');
  b = tempBackend({ now: () => now });
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
  seriesTemplateId = (await b.ok('series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!.id;
  patient = (await b.ok('patients.create', validPatient)).id;
});
afterEach(() => b.dispose());

describe('reminders follow the booked sessions', () => {
  it('booking a series queues the 48-hour and evening-before reminders of every session', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    const templates = await b.ok('reminders.templates.list', {});
    expect(templates.map((t) => [t.name, t.offsetLabel, t.channel, t.active])).toEqual([
      ['48 hours before', '48 hours (2 days) before', 'preferred', true],
      ['The evening before', 'The day before at 18:00', 'preferred', true],
    ]);
    expect(templates[0]!.note).toMatch(/DOMAIN\.md/);

    const rows = await outbox();
    expect(rows).toHaveLength(12);
    for (const s of series.sessions) {
      for (const t of templates) {
        const row = rows.find((r) => r.sessionId === s.id && r.templateId === t.id)!;
        const due = reminderDueAt(t.offset, s.startsAt, ZONE);
        expect(row).toMatchObject({ dueAt: due, sessionStartsAt: s.startsAt, channel: 'sms', recipient: '+13125550147', patientName: 'Ana Ramirez', position: `${s.seq} of 6`, seriesId: series.id });
        expect(row.status).toBe(due <= now ? 'skipped' : 'to_send');
        expect(row.body).toMatch(/^Hello Ana, /);
        expect(row.body).toContain('Please arrive by ');
        expect(row.body).toContain('A responsible adult must drive you home');
        expect(row.body).toContain('no food for 6 hours');
      }
    }
    const first = rows.find((r) => r.sessionId === series.sessions[0]!.id && r.templateName === '48 hours before')!;
    expect(first.body).toContain('at 1200 Lake Shore Dr, Suite 300, Chicago, IL 60611');
    expect(first.body).toContain('call (312) 555-0100');
  });

  it('a reminder already due when the session is booked is recorded as skipped, saying when it was due', async () => {
    await setClinicDetails();
    now = at('2026-11-29', '12:00'); // Sunday noon, for a series from Monday 07:00
    const series = await bookSeries();
    const monday = (await outbox()).filter((r) => r.sessionId === series.sessions[0]!.id);
    expect(monday.map((r) => [r.templateName, r.status])).toEqual([
      ['48 hours before', 'skipped'],
      ['The evening before', 'to_send'],
    ]);
    expect(monday[0]!.reason).toBe('It was due Sat, Nov 28 at 7:00 AM, before the session was booked or moved to this time, so it was not sent.');
  });

  it('holds reminders until the clinic address is set, then queues them', async () => {
    await bookSeries();
    const held = await outbox();
    expect(new Set(held.map((r) => r.status))).toEqual(new Set(['held']));
    expect(held[0]!.reason).toBe('The clinic address and the clinic phone number are not set: add them in Settings → Reminders.');
    await setClinicDetails();
    expect(new Set((await outbox()).map((r) => r.status))).toEqual(new Set(['to_send']));
  });

  it('running the sync again adds and changes nothing', async () => {
    await setClinicDetails();
    await bookSeries();
    const before = { rows: count('reminder_outbox'), log: count('change_log', "table_name <> 'audit_events'") };
    expect(await b.ok('reminders.sync', {})).toEqual({ created: 0, updated: 0, unchanged: 12 });
    expect(await b.ok('reminders.sync', {})).toEqual({ created: 0, updated: 0, unchanged: 12 });
    expect({ rows: count('reminder_outbox'), log: count('change_log', "table_name <> 'audit_events'") }).toEqual(before);
  });

  it('cancelling a session cancels its waiting reminders and nothing else', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    const target = series.sessions[2]!;
    await b.ok('sessions.setStatus', { sessionId: target.id, status: 'cancelled', reason: 'Flu' });
    const rows = await outbox();
    expect(rows.filter((r) => r.sessionId === target.id).map((r) => [r.status, r.reason])).toEqual([
      ['cancelled', 'The session was cancelled.'],
      ['cancelled', 'The session was cancelled.'],
    ]);
    expect(rows.filter((r) => r.sessionId !== target.id).every((r) => r.status === 'to_send')).toBe(true);
  });

  it('cancelling the series cancels every waiting reminder', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    await b.ok('series.cancel', { seriesId: series.id, reason: 'Authorization denied' });
    expect(new Set((await outbox()).map((r) => r.status))).toEqual(new Set(['cancelled']));
  });

  it('a session moved elsewhere (another device) is caught up by reminders.sync', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    const s = series.sessions[3]!;
    const shift = 2 * 3_600_000;
    // As a move arriving from another device would: the row changes without an API call here, and the sync catches up.
    const w: WriteContext = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => now), userId: null, now: () => now };
    updateRow(w, infusionSessions, s.id, { startsAt: s.startsAt + shift, infusionStartsAt: s.infusionStartsAt + shift, recoveryStartsAt: s.recoveryStartsAt + shift, endsAt: s.endsAt + shift }, { what: 'x' });
    expect(await b.ok('reminders.sync', {})).toMatchObject({ created: 0, updated: 2 });
    const rows = (await outbox()).filter((r) => r.sessionId === s.id);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.sessionStartsAt).toBe(s.startsAt + shift);
      expect(r.status).toBe('to_send');
    }
    const two = rows.find((r) => r.templateName === '48 hours before')!;
    expect(two.dueAt).toBe(s.startsAt + shift - 48 * 3_600_000);
  });

  it('a change that touches nothing a reminder reads does not run the sync again; a new phone number does', async () => {
    await setClinicDetails();
    await bookSeries();
    const payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
    const before = remindersFollowSyncs();
    // patients.changed, but a coverage is not in any reminder.
    await b.ok('patients.addCoverage', { patientId: patient, fields: { payerId: payer, memberId: 'BLH-4471', groupNumber: 'G-200', priority: 'primary' } });
    expect(remindersFollowSyncs()).toBe(before);
    expect(await b.ok('reminders.sync', {})).toEqual({ created: 0, updated: 0, unchanged: 12 });

    const p = await b.ok('patients.get', { id: patient });
    await b.ok('patients.update', { id: patient, expectedVersion: p.version, fields: { ...validPatient, phone: '(312) 555-0199' } });
    expect(remindersFollowSyncs()).toBe(before + 1);
    expect(new Set((await outbox()).map((r) => r.recipient))).toEqual(new Set(['+13125550199']));
  });

  it('a change after a session has begun ends its waiting reminders, even one that touches nothing a reminder reads', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    const payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
    const first = series.sessions[0]!;
    now = first.startsAt + 60_000;
    const before = remindersFollowSyncs();
    await b.ok('patients.addCoverage', { patientId: patient, fields: { payerId: payer, memberId: 'BLH-4471', groupNumber: 'G-200', priority: 'primary' } });
    expect(remindersFollowSyncs()).toBe(before + 1);
    const rows = await outbox();
    expect(rows.filter((r) => r.sessionId === first.id).map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(rows.filter((r) => r.sessionId !== first.id).every((r) => r.status === 'to_send')).toBe(true);
    expect(await b.ok('reminders.sync', {})).toMatchObject({ created: 0, updated: 0 });
  });

  it('rescheduling a session through the API re-writes its reminders at once', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    const s = series.sessions[3]!;
    const { slots } = await b.ok('sessions.rescheduleOptions', { sessionId: s.id });
    const slot = slots.find((x) => x.startsAt !== s.startsAt)!;
    await b.ok('series.reschedule', { moves: [{ sessionId: s.id, suiteId: slot.suiteId, startsAt: slot.startsAt, supervisorId: slot.supervisorId }], reason: 'Patient asked' });
    // No reminders.sync here: the outbox follows the schedule change by itself.
    const rows = (await outbox()).filter((r) => r.sessionId === s.id);
    expect(rows.map((r) => [r.sessionStartsAt, r.status])).toEqual([
      [slot.startsAt, 'to_send'],
      [slot.startsAt, 'to_send'],
    ]);
    expect(rows.find((r) => r.templateName === 'The evening before')!.dueAt).toBe(reminderDueAt({ kind: 'day_before', time: '18:00' }, slot.startsAt, ZONE));
    expect(count('reminder_outbox')).toBe(12);
  });

  it('a patient with no phone for a text-message template is held with the reason', async () => {
    await setClinicDetails();
    await b.ok('reminders.templates.create', {
      name: 'Morning of',
      offset: { kind: 'hours_before', hours: 3 },
      channel: 'sms',
      body: 'Today at {time}, {clinicName}. Arrive by {arrivalTime}.',
    });
    const emailOnly = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis', phone: null, preferredContact: 'email', mrn: 'X-2' })).id;
    await bookSeries(emailOnly);
    const rows = await outbox({ patientId: emailOnly });
    const texts = rows.filter((r) => r.templateName === 'Morning of');
    expect(texts).toHaveLength(6);
    for (const r of texts) {
      expect(r).toMatchObject({ status: 'held', channel: 'sms', recipient: null });
      expect(r.reason).toBe('No phone number on file for a text message: add one to the patient’s details and it will be queued.');
    }
    // The default templates follow the patient's preference: e-mail, with a subject.
    const mail = rows.find((r) => r.templateName === '48 hours before')!;
    expect(mail).toMatchObject({ channel: 'email', recipient: 'ana.ramirez@example.com', status: 'to_send' });
    expect(mail.subject).toMatch(/^Your infusion at Lakeside Pain & Infusion on \w+day, \w+ \d+$/);
  });

  it('editing a template re-writes the reminders still waiting, not the sent ones', async () => {
    await setClinicDetails();
    await bookSeries();
    const [two] = await b.ok('reminders.templates.list', {});
    const waiting = (await outbox({ statuses: ['to_send'] })).filter((r) => r.templateId === two!.id);
    await b.ok('reminders.outbox.markSent', { id: waiting[0]!.id });
    const sentBody = waiting[0]!.body;
    await b.ok('reminders.templates.update', { id: two!.id, expectedVersion: two!.version, body: 'See you {date}, {firstName}.' });
    const rows = (await outbox()).filter((r) => r.templateId === two!.id);
    expect(rows.find((r) => r.id === waiting[0]!.id)!.body).toBe(sentBody);
    for (const r of rows.filter((x) => x.status === 'to_send')) expect(r.body).toMatch(/^See you \w+day, \w+ \d+, Ana\.$/);

    // Switched off: the waiting ones are cancelled.
    const current = (await b.ok('reminders.templates.list', {})).find((t) => t.id === two!.id)!;
    await b.ok('reminders.templates.update', { id: two!.id, expectedVersion: current.version, active: false });
    const after = (await outbox()).filter((r) => r.templateId === two!.id);
    expect(after.filter((r) => r.status === 'cancelled')).toHaveLength(5);
    expect(after.find((r) => r.status === 'cancelled')!.reason).toBe('The “48 hours before” reminder was switched off.');
  });
});

describe('delivery results', () => {
  it('markSent and markFailed record what the delivery reported', async () => {
    await setClinicDetails();
    await bookSeries();
    const [a, c] = await outbox({ statuses: ['to_send'] });
    now += 60_000;
    const retried = await b.ok('reminders.outbox.markFailed', { id: a!.id, error: 'Carrier timeout', retry: true });
    expect(retried).toMatchObject({ status: 'to_send', attempts: 1, lastError: 'Carrier timeout' });
    const failed = await b.ok('reminders.outbox.markFailed', { id: a!.id, error: 'Number does not receive texts' });
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, lastError: 'Number does not receive texts', sentAt: null });
    const sent = await b.ok('reminders.outbox.markSent', { id: c!.id });
    expect(sent).toMatchObject({ status: 'sent', sentAt: now, lastError: null });

    // A failed reminder stays failed through a sync (no silent re-send); staff can mark it sent after calling.
    await b.ok('reminders.sync', {});
    expect((await outbox()).find((r) => r.id === a!.id)!.status).toBe('failed');
    const list = await b.ok('reminders.outbox.list', {});
    expect(list.counts).toMatchObject({ to_send: 10, sent: 1, failed: 1 });
  });

  it('refuses impossible changes with the field named and saves nothing', async () => {
    await setClinicDetails();
    await bookSeries();
    const [a] = await outbox({ statuses: ['to_send'] });
    await b.ok('reminders.outbox.markSent', { id: a!.id });
    const log = count('change_log', "table_name <> 'audit_events'");
    expect(await b.fail('reminders.outbox.markSent', { id: a!.id })).toMatchObject({ code: 'VALIDATION', field: 'id', message: 'This reminder is already sent, so it cannot be marked sent.' });
    expect(await b.fail('reminders.outbox.markFailed', { id: a!.id, error: 'x' })).toMatchObject({ code: 'VALIDATION', field: 'id' });
    expect(await b.fail('reminders.outbox.markFailed', { id: a!.id, error: '  ' })).toMatchObject({ code: 'VALIDATION', field: 'error', message: 'Enter the delivery error.' });
    expect(count('change_log', "table_name <> 'audit_events'")).toBe(log);
  });
});

describe('templates and settings refuse bad input, saving nothing', () => {
  it('an unknown placeholder is named on the body field', async () => {
    await b.ok('reminders.templates.list', {});
    const before = { t: count('reminder_templates'), log: count('change_log', "table_name <> 'audit_events'") };
    const e = await b.fail('reminders.templates.create', {
      name: 'Two days',
      offset: { kind: 'hours_before', hours: 48 },
      channel: 'sms',
      body: 'Arrive by {arivalTime}.',
    });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'body' });
    expect(e.message).toBe('{arivalTime} is not a placeholder the app knows. Did you mean {arrivalTime}?');
    const [t] = await b.ok('reminders.templates.list', {});
    const e2 = await b.fail('reminders.templates.update', { id: t!.id, body: 'Hi {firstname}' });
    expect(e2).toMatchObject({ field: 'body' });
    expect(e2.message).toBe('{firstname} is not a placeholder the app knows. Did you mean {firstName}?');
    const e3 = await b.fail('reminders.templates.update', { id: t!.id, subject: null });
    expect(e3).toMatchObject({ field: 'subject', message: 'Enter an e-mail subject: this reminder may go by e-mail.' });
    expect({ t: count('reminder_templates'), log: count('change_log', "table_name <> 'audit_events'") }).toEqual(before);
  });

  it('settings: a bad phone and arrival lead are named', async () => {
    const s = await b.ok('reminders.settings.get', {});
    expect(s).toMatchObject({ arrivalLeadMinutes: 15, clinicAddress: null });
    const log = count('change_log', "table_name <> 'audit_events'");
    expect(await b.fail('reminders.settings.update', { clinicPhone: '555' })).toMatchObject({ field: 'clinicPhone', message: 'Enter the clinic phone as a full number, such as (312) 555-0100.' });
    expect(await b.fail('reminders.settings.update', { arrivalLeadMinutes: -5 })).toMatchObject({ field: 'arrivalLeadMinutes' });
    expect(await b.fail('reminders.settings.update', { fastingInstructions: '' })).toMatchObject({ field: 'fastingInstructions' });
    expect(count('change_log', "table_name <> 'audit_events'")).toBe(log);
    expect(await b.fail('reminders.outbox.list', { from: Date.UTC(2026, 0, 2), to: Date.UTC(2026, 0, 1) })).toMatchObject({ field: 'to' });
  });

  it('a stale edit is refused as a conflict', async () => {
    const [t] = await b.ok('reminders.templates.list', {});
    await b.ok('reminders.templates.update', { id: t!.id, expectedVersion: t!.version, name: 'Two days before' });
    expect(await b.fail('reminders.templates.update', { id: t!.id, expectedVersion: t!.version, name: 'Again' })).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('the outbox list', () => {
  it('filters by status and due range and counts by status', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    const firstDay = series.sessions[0]!.startsAt;
    const from = firstDay - 72 * 3_600_000;
    const to = firstDay;
    const list = await b.ok('reminders.outbox.list', { from, to });
    expect(list.rows.length).toBeGreaterThan(0);
    for (const r of list.rows) expect(r.dueAt >= from && r.dueAt < to).toBe(true);
    expect(Object.values(list.counts).reduce((x, y) => x + y, 0)).toBe(list.rows.length);
    const dues = (await outbox()).map((r) => r.dueAt);
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    const limited = await b.ok('reminders.outbox.list', { limit: 5 });
    expect(limited).toMatchObject({ truncated: true });
    expect(limited.rows).toHaveLength(5);
    expect(await outbox({ statuses: ['sent'] })).toEqual([]);
  });
});

describe('the series calendar file', () => {
  it('has one event per live session with stable UIDs, UTC times, arrival, fasting and driver', async () => {
    await setClinicDetails();
    const series = await bookSeries();
    await b.ok('sessions.setStatus', { sessionId: series.sessions[1]!.id, status: 'cancelled', reason: 'Flu' });
    const file = await b.ok('reminders.seriesIcs', { seriesId: series.id });
    expect(file).toMatchObject({ mimeType: 'text/calendar', events: 6 });
    expect(file.fileName).toMatch(/^infusion-series-\d{4}-\d{2}-\d{2}\.ics$/);
    const cal = parseIcs(file.text);
    // The cancelled session is there as a cancelled event (same UID, a higher sequence), so a
    // calendar that imported the first file drops it on re-import.
    const gone = cal.children.find((c) => c.props['UID']![0] === `${series.sessions[1]!.id}@infusion-desk`)!;
    expect(gone.props['STATUS']).toEqual(['CANCELLED']);
    expect(gone.props['SUMMARY']).toEqual(['Cancelled: Infusion 2 of 6']);
    expect(Number(gone.props['SEQUENCE']![0])).toBeGreaterThan(series.sessions[1]!.version);
    const events = cal.children.filter((c) => c.name === 'VEVENT' && c.props['STATUS']![0] === 'CONFIRMED');
    expect(events.map((e) => e.props['SUMMARY']![0])).toEqual(['Infusion 1 of 6', 'Infusion 3 of 6', 'Infusion 4 of 6', 'Infusion 5 of 6', 'Infusion 6 of 6']);
    const live = series.sessions.filter((_, i) => i !== 1);
    events.forEach((e, i) => {
      expect(icsUtc(e.props['DTSTART']![0]!)).toBe(live[i]!.startsAt);
      expect(icsUtc(e.props['DTEND']![0]!)).toBe(live[i]!.endsAt);
      expect(e.props['UID']).toEqual([`${live[i]!.id}@infusion-desk`]);
      expect(e.props['LOCATION']).toEqual(['Lakeside Pain & Infusion, 1200 Lake Shore Dr, Suite 300, Chicago, IL 60611']);
      const d = e.props['DESCRIPTION']![0]!;
      expect(d).toMatch(/^Please arrive by \d{1,2}:\d{2} [AP]M\. Your appointment starts at /);
      expect(d).toContain('\nFasting: Please have no food for 6 hours');
      expect(d).toContain('\nDriver: A responsible adult must drive you home');
      expect(d).toContain('call Lakeside Pain & Infusion on (312) 555-0100');
    });
    // The arrival time is 15 minutes before the session, in clinic time.
    const arrive = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: 'numeric', minute: '2-digit' }).format(live[0]!.startsAt - 15 * 60_000).replace(/\u202f/g, ' ');
    expect(events[0]!.props['DESCRIPTION']![0]).toContain(`Please arrive by ${arrive}.`);
    // The same sessions give the same UIDs next time.
    const again = parseIcs((await b.ok('reminders.seriesIcs', { seriesId: series.id })).text);
    expect(again.children.map((e) => e.props['UID']![0])).toEqual(cal.children.map((e) => e.props['UID']![0]));
  });

  it('a series with nothing left to attend says so', async () => {
    const series = await bookSeries();
    await b.ok('series.cancel', { seriesId: series.id, reason: 'Moved away' });
    expect(await b.fail('reminders.seriesIcs', { seriesId: series.id })).toMatchObject({
      code: 'VALIDATION',
      field: 'seriesId',
      message: 'This series has no booked sessions left to put in a calendar file.',
    });
    expect(await b.fail('reminders.seriesIcs', { seriesId: '0190a0b0-0000-7000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
