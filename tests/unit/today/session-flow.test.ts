/** The Today board's pure rules: next steps, the checklist gate, times and history words. */
import { describe, expect, it } from 'vitest';
import {
  checklistMissing,
  describeHistory,
  ivBlockedReason,
  nextStep,
  reachedTimes,
  spanText,
  canLeaveFlow,
  recoveryNote,
  undoTo,
} from '../../../src-renderer/src/features/today/session-flow';

const tick = { done: true, by: 'u1', at: 1 };
/** Intl puts thin and narrow no-break spaces around the dash and before AM/PM. */
const plain = <T,>(v: T): T => JSON.parse(JSON.stringify(v).replace(/[\u2009\u202f]/g, ' ')) as T;

describe('the status flow as the board offers it', () => {
  it('offers one next step per status and none once the session is over', () => {
    expect(nextStep('scheduled')).toEqual({ to: 'arrived', label: 'Mark arrived' });
    expect(nextStep('arrived')).toEqual({ to: 'iv_placed', label: 'IV placed' });
    expect(nextStep('iv_placed')).toEqual({ to: 'infusing', label: 'Infusion started' });
    expect(nextStep('infusing')).toEqual({ to: 'recovery', label: 'Recovery' });
    expect(nextStep('recovery')).toEqual({ to: 'discharged', label: 'Discharged' });
    for (const s of ['discharged', 'no_show', 'cancelled'] as const) expect(nextStep(s)).toBeNull();
  });

  it('allows no-show and cancel only before the IV goes in', () => {
    expect(canLeaveFlow('scheduled')).toBe(true);
    expect(canLeaveFlow('arrived')).toBe(true);
    expect(canLeaveFlow('iv_placed')).toBe(false);
    expect(canLeaveFlow('discharged')).toBe(false);
  });
});

describe('the checklist gate on "IV placed"', () => {
  it('names every item neither ticked nor overridden', () => {
    expect(ivBlockedReason('arrived', {})).toBe(
      'Checklist not complete: fasting confirmed, driver confirmed, authorization valid and consent on file. Tick or override them first.',
    );
    const partial = { fasting: tick, driver: tick, authorization: { ...tick, done: false, override: 'Portal down' } };
    expect(checklistMissing(partial)).toEqual(['consent']);
    expect(ivBlockedReason('arrived', partial)).toBe('Checklist not complete: consent on file. Tick or override it first.');
  });

  it('counts an override with a reason, not an unticked item without one', () => {
    const all = {
      fasting: tick,
      driver: tick,
      authorization: { ...tick, done: false, override: 'Self-pay' },
      consent: { ...tick, done: false, override: null },
    };
    expect(checklistMissing(all)).toEqual(['consent']);
    expect(ivBlockedReason('arrived', { ...all, consent: tick })).toBeNull();
  });

  it('blocks only the arrived → IV placed step', () => {
    expect(ivBlockedReason('scheduled', {})).toBeNull();
    expect(ivBlockedReason('infusing', {})).toBeNull();
  });
});

describe('times on the card', () => {
  it('lists the statuses reached in the order they happened', () => {
    expect(reachedTimes({ infusing: 30, arrived: 10, iv_placed: 20, bogus: 5 })).toEqual([
      { status: 'arrived', at: 10 },
      { status: 'iv_placed', at: 20 },
      { status: 'infusing', at: 30 },
    ]);
  });

  it('shows the span in clinic time, and the viewer’s only when their clock differs', () => {
    const start = Date.UTC(2025, 2, 4, 15, 0); // 9:00 in Chicago
    const end = Date.UTC(2025, 2, 4, 16, 10);
    expect(plain(spanText(start, end, 'America/Chicago', 'America/Chicago'))).toEqual({ clinic: '9:00 – 10:10 AM CST' });
    expect(plain(spanText(start, end, 'America/Chicago', 'America/New_York'))).toEqual({
      clinic: '9:00 – 10:10 AM CST',
      viewer: '10:00 – 11:10 AM EST',
    });
  });
});

describe('history in words', () => {
  const ctx = { timeZone: 'America/Chicago', suiteName: (id: string) => (id === 's1' ? 'Suite 1' : '?') };

  it('says a status change from → to', () => {
    expect(describeHistory({ action: 'status', fromValue: { status: 'recovery' }, toValue: { status: 'discharged' } }, ctx)).toEqual({
      what: 'Status',
      from: 'In recovery',
      to: 'Discharged',
    });
  });

  it('says what happened to a checklist item, overrides with their reason', () => {
    expect(describeHistory({ action: 'checklist', fromValue: null, toValue: { fasting: tick } }, ctx)).toEqual({
      what: 'Fasting confirmed',
      from: 'not checked',
      to: 'ticked',
    });
    const overridden = { ...tick, done: false, override: 'Paper consent' };
    expect(
      describeHistory({ action: 'checklist', fromValue: { consent: overridden }, toValue: { consent: { ...tick, done: false, override: null } } }, ctx),
    ).toEqual({ what: 'Consent on file', from: 'overridden (Paper consent)', to: 'not checked' });
  });

  it('places a booking in its suite and clinic time', () => {
    const startsAt = Date.UTC(2025, 2, 4, 15, 0);
    expect(plain(describeHistory({ action: 'booked', fromValue: null, toValue: { suiteId: 's1', startsAt, endsAt: startsAt + 70 * 60_000 } }, ctx))).toEqual({
      what: 'Booked',
      from: null,
      to: 'Tue, Mar 4 9:00 – 10:10 AM, Suite 1',
    });
  });

  it('describes a move it has no special words for by its placement', () => {
    const a = Date.UTC(2025, 2, 4, 15, 0);
    const line = describeHistory({ action: 'moved', fromValue: { suiteId: 's1', startsAt: a }, toValue: { suiteId: 's2', startsAt: a + 3_600_000 } }, ctx);
    expect(plain(line)).toEqual({ what: 'Moved', from: 'Tue, Mar 4 9:00 AM, Suite 1', to: 'Tue, Mar 4 10:00 AM, ?' });
  });
});

describe('undo, recovery minimum and recorded times on the card', () => {
  const ctx = { timeZone: 'America/Chicago', suiteName: () => '?' };
  const nine = Date.UTC(2025, 2, 4, 15, 0); // 9:00 AM in Chicago

  it('offers undo one step back along the flow, never for a no-show, a cancellation or a session not begun', () => {
    expect(undoTo('discharged')).toBe('recovery');
    expect(undoTo('arrived')).toBe('scheduled');
    expect(undoTo('scheduled')).toBeNull();
    expect(undoTo('no_show')).toBeNull();
    expect(undoTo('cancelled')).toBeNull();
  });

  it('says when discharge is allowed in recovery, and when that time has come', () => {
    const s = { status: 'recovery' as const, statusTimes: { recovery: nine }, recoveryMinMinutes: 45 };
    expect(plain(recoveryNote(s, ctx.timeZone, nine + 10 * 60_000))).toEqual({ text: 'Recovery minimum 45 min: discharge from 9:45 AM', ready: false });
    expect(recoveryNote(s, ctx.timeZone, nine + 45 * 60_000)?.ready).toBe(true);
    expect(recoveryNote({ ...s, status: 'infusing' }, ctx.timeZone, nine)).toBeNull();
  });

  it('words an undone step with the time it had been recorded', () => {
    const line = describeHistory({ action: 'status_undone', fromValue: { status: 'discharged', at: nine }, toValue: { status: 'recovery' } }, ctx);
    expect(plain(line)).toEqual({ what: 'Step undone', from: 'Discharged (recorded 9:00 AM)', to: 'In recovery' });
  });

  it('words a step recorded afterwards with its time, and the driver at discharge', () => {
    const later = describeHistory({ action: 'status', fromValue: { status: 'arrived' }, toValue: { status: 'iv_placed', at: nine }, at: nine + 20 * 60_000 }, ctx);
    expect(plain(later).to).toBe('IV placed at 9:00 AM');
    const now = describeHistory({ action: 'status', fromValue: { status: 'arrived' }, toValue: { status: 'iv_placed', at: nine }, at: nine + 20_000 }, ctx);
    expect(now.to).toBe('IV placed');
    const out = describeHistory(
      { action: 'status', fromValue: { status: 'recovery' }, toValue: { status: 'discharged', at: nine, driverName: 'Luis Ramirez', driverPhone: '+13125550199' }, at: nine },
      ctx,
    );
    expect(out.to).toBe('Discharged (driver Luis Ramirez, (312) 555-0199)');
  });
});
