import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../src-main/backend/api/context';
import { changeAuthorizationStatus } from '../../../src-main/backend/authorizations/lifecycle';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2026-11-20', '10:00');

let b: TestBackend;
let patient: string;
let payer: string;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  patient = (await b.ok('patients.create', validPatient)).id;
  payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
});
afterEach(() => b.dispose());

const draft = async (extra: Record<string, unknown> = {}) =>
  (await b.ok('authorizations.create', { patientId: patient, payerId: payer, status: 'draft', ...extra } as never)).id;

describe('authorizations.changeStatus', () => {
  it('walks submitted → denied → peer-to-peer → appealed → approved, recording who, when and what, and the deadlines', async () => {
    const desk = await b.signedInAs('front_desk', 'Dana Desk');
    const id = await draft();
    const call = async (input: Record<string, unknown>) => {
      const r = await desk.invoke('authorizations.changeStatus', { id, ...input });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.result as Awaited<ReturnType<typeof b.ok<'authorizations.changeStatus'>>>;
    };
    const submittedAt = at('2026-11-02', '09:30');
    let a = await call({ to: 'submitted', at: submittedAt, referenceNumber: 'CASE-881', patch: { submissionRoute: 'portal' } });
    expect(a).toMatchObject({ status: 'submitted', submissionRoute: 'portal', submittedAt, referenceNumber: 'CASE-881' });
    // A commercial payer without a confirmed rule set: 15 calendar days, same wall-clock time (across the Nov 1 DST end it is still 09:30).
    expect(a.decisionDueAt).toBe(at('2026-11-17', '09:30'));

    a = await call({ to: 'denied', patch: { denialDate: '2026-11-10', denialReason: 'Investigational for chronic pain', denialCode: 'N-INV', denialPolicy: 'MP-446' } });
    expect(a).toMatchObject({ status: 'denied', decisionDate: '2026-11-20', denialDate: '2026-11-10', appealDueDate: '2027-05-09', p2pDueDate: '2026-11-17', finalDenialDate: null });

    a = await call({ to: 'p2p_requested' });
    a = await call({ to: 'p2p_scheduled', patch: { p2pScheduledAt: at('2026-11-24', '14:00') } });
    expect(a.p2pScheduledAt).toBe(at('2026-11-24', '14:00'));
    a = await call({ to: 'appealed', patch: { appealFiledDate: '2026-11-19' }, note: 'Provider appeal faxed' });
    // The appeal upheld: the final internal denial, from which external review runs (4 months).
    a = await call({ to: 'denied', patch: { denialDate: '2026-11-20', denialReason: 'Upheld on appeal' } });
    expect(a).toMatchObject({ finalDenialDate: '2026-11-20', externalReviewDueDate: '2027-03-20' });
    a = await call({ to: 'external_review' });
    a = await call({ to: 'approved', patch: { authNumber: 'A-77', approvedSessions: 6, startDate: '2026-12-01', endDate: '2027-01-31' } });
    expect(a).toMatchObject({ status: 'approved', authNumber: 'A-77', approvedSessions: 6 });

    const history = await b.ok('authorizations.history', { id });
    expect(history.map((e) => e.toStatus)).toEqual(['approved', 'external_review', 'denied', 'appealed', 'p2p_scheduled', 'p2p_requested', 'denied', 'submitted', 'draft']);
    // The history starts with the authorization as it was recorded.
    expect(history.at(-1)).toMatchObject({ fromStatus: null, toStatus: 'draft', note: 'Recorded', text: 'Draft (not sent)' });
    expect(history.at(-2)).toMatchObject({
      fromStatus: 'draft', byUserId: desk.userId, byName: 'Dana Desk', at: submittedAt, referenceNumber: 'CASE-881', text: 'Sent to payer (was draft (not sent))',
    });
    expect(history.find((e) => e.toStatus === 'appealed')).toMatchObject({ note: 'Provider appeal faxed', details: { appealFiledDate: '2026-11-19' } });
    expect(history[0]!.details).toMatchObject({ authNumber: 'A-77', approvedSessions: 6, decisionDate: '2026-11-20' });
  });

  it('refuses a step that lacks its facts, naming every missing field, and changes nothing', async () => {
    const id = await draft();
    await b.ok('authorizations.changeStatus', { id, to: 'submitted', patch: { submissionRoute: 'fax' } });
    const before = [count('change_log'), count('authorization_events')];

    let e = await b.fail('authorizations.changeStatus', { id, to: 'approved', patch: { approvedSessions: 4 } });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('An approval needs the authorization number, the first day covered and the last day covered.');
    expect(e.issues?.map((i) => i.field)).toEqual(['authNumber', 'startDate', 'endDate']);

    e = await b.fail('authorizations.changeStatus', { id, to: 'denied', patch: { denialReason: 'Not medically necessary' } });
    expect(e.message).toBe('A denial needs the denial date.');
    e = await b.fail('authorizations.changeStatus', { id, to: 'denied', patch: { denialDate: '2026-11-19' } });
    expect(e.message).toBe('A denial needs the denial reason.');
    e = await b.fail('authorizations.changeStatus', { id, to: 'denied', patch: { denialDate: '2026-12-19', denialReason: 'x' } });
    expect(e).toMatchObject({ field: 'denialDate', message: 'This date is in the future. Enter the date it happened.' });
    e = await b.fail('authorizations.changeStatus', { id, to: 'p2p_scheduled' });
    expect(e.message).toMatch(/cannot become peer-to-peer booked\. From here it can become: pending decision, approved, partly approved, denied/);
    e = await b.fail('authorizations.changeStatus', { id, to: 'approved', patch: { authNumber: 'X', approvedSessions: 3, startDate: '2026-12-10', endDate: '2026-12-01' } });
    expect(e).toMatchObject({ field: 'endDate', message: 'The last day covered (12/01/2026) is before the first day covered (12/10/2026).' });
    e = await b.fail('authorizations.changeStatus', { id, to: 'denied', patch: { denialDate: 'soon', denialReason: 'x' } });
    expect(e.message).toMatch(/denial date as a real date/);
    e = await b.fail('authorizations.changeStatus', { id, to: 'denied', patch: { status: 'approved' } });
    expect(e.message).toMatch(/A status step cannot change status/);
    e = await b.fail('authorizations.changeStatus', { id, to: 'submitted', at: NOW + 3_600_000, patch: { submissionRoute: 'fax' } });
    expect(e.code).toBe('VALIDATION');
    e = await b.fail('authorizations.changeStatus', { id, to: 'pending', expectedVersion: 1 });
    expect(e.code).toBe('CONFLICT');

    expect([count('change_log'), count('authorization_events')]).toEqual(before);
    expect((await b.ok('authorizations.listForPatient', { patientId: patient }))[0]!.status).toBe('submitted');
  });

  it('a submission needs its route', async () => {
    const id = await draft();
    const e = await b.fail('authorizations.changeStatus', { id, to: 'submitted' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'submissionRoute' });
    expect(e.message).toBe('A submitted request needs the route it was sent by (portal, fax, electronic, phone or mail).');
  });

  it('a partial approval must give less than was asked for; it may then be appealed', async () => {
    const id = await draft();
    await b.ok('authorizations.changeStatus', { id, to: 'submitted', patch: { submissionRoute: 'portal' } });
    let e = await b.fail('authorizations.changeStatus', { id, to: 'partially_approved', patch: { authNumber: 'P-1', approvedSessions: 4, startDate: '2026-12-01', endDate: '2027-01-31' } });
    expect(e).toMatchObject({ field: 'requestedSessions', message: 'A partial approval is measured against what was asked for: record the sessions or dates asked for first.' });
    const asked = { requestedSessions: 6, requestedStartDate: '2026-12-01', requestedEndDate: '2027-01-31' };
    const all = { ...asked, authNumber: 'P-1', approvedSessions: 6, startDate: '2026-12-01', endDate: '2027-01-31' };
    e = await b.fail('authorizations.changeStatus', { id, to: 'partially_approved', patch: all });
    expect(e.message).toMatch(/gives everything asked for, so record it as approved/);
    const a = await b.ok('authorizations.changeStatus', { id, to: 'partially_approved', patch: { ...all, approvedSessions: 4, decisionDate: '2026-11-13' } });
    // A partial denial: the peer-to-peer window (5 business days) and the appeal (180 days) run from its decision.
    expect(a).toMatchObject({ status: 'partially_approved', approvedSessions: 4, p2pDueDate: '2026-11-20', appealDueDate: '2027-05-12', denialDate: null });
    const p2p = await b.ok('authorizations.changeStatus', { id, to: 'p2p_requested' });
    expect(p2p).toMatchObject({ p2pDueDate: '2026-11-20', appealDueDate: '2027-05-12' });
    expect((await b.ok('authorizations.due', { patientId: patient, withinDays: 365 })).rows.map((r) => [r.kind, r.text])).toEqual([
      ['p2p', 'Peer-to-peer window with Blue Lake Health closes 11/20/2026: due today'],
      ['appeal', 'Appeal to Blue Lake Health due 05/12/2027: due in 173 days'],
    ]);
    await b.ok('authorizations.changeStatus', { id, to: 'appealed', patch: { appealFiledDate: '2026-11-20' } });
    expect((await b.ok('authorizations.due', { patientId: patient, withinDays: 365 })).rows).toEqual([]);
  });

  it('a final status has no next step; cancelling works only from open states', async () => {
    const id = await draft();
    await b.ok('authorizations.changeStatus', { id, to: 'cancelled', note: 'Patient chose self-pay' });
    const e = await b.fail('authorizations.changeStatus', { id, to: 'ready' });
    expect(e.message).toBe('The authorization is cancelled: nothing follows it. Start a new request instead.');
  });

  it('needs_review is left only by a person; an import cannot move it', async () => {
    const id = await draft();
    await b.ok('authorizations.changeStatus', { id, to: 'submitted', patch: { submissionRoute: 'electronic' } });
    const admin = b.asAdmin();
    const ctx = { ...admin, user: { id: admin.userId, displayName: 'Admin', role: 'admin' } } as unknown as HandlerContext;
    changeAuthorizationStatus(ctx, id, { to: 'needs_review', source: 'import', details: { reviewAction: 'A6' } });
    expect(() =>
      changeAuthorizationStatus(ctx, id, { to: 'approved', source: 'import', patch: { authNumber: 'Z', approvedSessions: 1, startDate: '2026-12-01', endDate: '2026-12-02' } }),
    ).toThrow(/only a person can record what the payer decided/);
    const a = await b.ok('authorizations.changeStatus', { id, to: 'pending', note: 'Called the payer: more notes needed' });
    expect(a.status).toBe('pending');
    const history = await b.ok('authorizations.history', { id });
    expect(history[1]).toMatchObject({ toStatus: 'needs_review', details: { reviewAction: 'A6' } });
  });

  it('a status set on the plain form is a lifecycle step: refused where the lifecycle refuses it, else checked and in the history', async () => {
    const desk = await b.signedInAs('front_desk', 'Dana Desk');
    const id = await draft();
    const before = [count('authorizations'), count('authorization_events'), count('change_log')];
    // A draft cannot be approved around the steps: refused beside the form's Status field, nothing saved (not even the note).
    const r = await desk.invoke('authorizations.update', {
      id, status: 'approved', authNumber: 'F-1', approvedSessions: 6, startDate: '2026-12-01', endDate: '2026-12-31', note: 'typed on the form',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'status' } });
    expect((r as { error: { message: string } }).error.message).toBe(
      'An authorization that is draft (not sent) cannot become approved. From here it can become: ready to send, sent to payer, cancelled.',
    );
    expect([count('authorizations'), count('authorization_events'), count('change_log')]).toEqual(before);
    expect(await b.ok('authorizations.get', { id })).toMatchObject({ status: 'draft', authNumber: null, note: null });

    await b.ok('authorizations.changeStatus', { id, to: 'submitted', patch: { submissionRoute: 'fax' } });
    // A step missing its facts is refused naming them, as a status step is.
    const short = await desk.invoke('authorizations.update', { id, status: 'denied', denialReason: 'Not medically necessary' });
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'decisionDate', message: 'A denial needs the denial date.' } });
    const ok = await desk.invoke('authorizations.update', { id, status: 'approved', authNumber: 'F-1', approvedSessions: 6, startDate: '2026-12-01', endDate: '2026-12-31', note: 'from the fax' });
    expect(ok).toMatchObject({ ok: true, result: { status: 'approved', note: 'from the fax', decisionDate: '2026-11-20' } });
    const [latest] = await b.ok('authorizations.history', { id });
    expect(latest).toMatchObject({
      fromStatus: 'submitted', toStatus: 'approved', byName: 'Dana Desk', note: 'Status set on the authorization form',
      details: { authNumber: 'F-1', approvedSessions: 6, via: 'form' },
    });
    // An edit that keeps the status adds nothing.
    const n = (await b.ok('authorizations.history', { id })).length;
    await b.ok('authorizations.update', { id, approvedSessions: 7 });
    expect(await b.ok('authorizations.history', { id })).toHaveLength(n);
  });

  it('history of an unknown authorization is NOT_FOUND', async () => {
    const e = await b.fail('authorizations.history', { id: '0190a0a0-0000-7000-8000-000000000000' });
    expect(e.code).toBe('NOT_FOUND');
  });
});


describe('deadlines follow the payer rule set', () => {
  it('a payer under CMS-0057-F (Medicare template): 7 days; a commercial one: 15 days; expedited: 72 hours', async () => {
    const medicare = (await b.ok('payers.create', { name: 'Medicare Part B' })).id;
    const submit = async (payerId: string, expedited: boolean) => {
      const id = (await b.ok('authorizations.create', { patientId: patient, payerId, status: 'draft' })).id;
      return b.ok('authorizations.changeStatus', { id, to: 'submitted', at: at('2026-11-16', '09:00'), patch: { submissionRoute: 'portal', expedited } });
    };
    expect((await submit(medicare, false)).decisionDueAt).toBe(at('2026-11-23', '09:00'));
    expect((await submit(payer, false)).decisionDueAt).toBe(at('2026-12-01', '09:00'));
    expect((await submit(medicare, true)).decisionDueAt).toBe(at('2026-11-19', '09:00'));
  });
});
