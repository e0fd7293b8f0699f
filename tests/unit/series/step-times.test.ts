import { describe, expect, it } from 'vitest';
import { checkStepTime, dischargeFrom, recoveryMinimum, undoTarget, type StepTimeFacts } from '../../../src-shared/domain/series/step-times';

const MIN = 60_000;
const DAY_START = Date.UTC(2026, 2, 10, 5, 0); // midnight in Chicago (CDT)
const at = (hh: number, mm: number, ss = 0) => DAY_START + (hh * 60 + mm) * MIN + ss * 1000;
const clock = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hour: 'numeric', minute: '2-digit' }).format(ms);

function facts(over: Partial<StepTimeFacts>): StepTimeFacts {
  return {
    from: 'scheduled',
    to: 'arrived',
    at: at(9, 0),
    now: at(9, 0),
    statusTimes: {},
    plannedStart: at(9, 0),
    dayStart: DAY_START,
    recoveryMinMinutes: 60,
    earlyReason: null,
    clock,
    ...over,
  };
}

describe('status steps against the clock', () => {
  it('takes a step recorded now, or earlier today after the step before it', () => {
    expect(checkStepTime(facts({}))).toEqual({ ok: true, at: at(9, 0) });
    const times = { arrived: at(8, 40) };
    expect(checkStepTime(facts({ from: 'arrived', to: 'iv_placed', at: at(8, 55), now: at(9, 30), statusTimes: times }))).toEqual({ ok: true, at: at(8, 55) });
  });

  it('refuses a step in the future, naming the time and now', () => {
    const r = checkStepTime(facts({ at: at(9, 30), now: at(9, 0) }));
    expect(r).toEqual({ ok: false, field: 'at', message: 'Arrival cannot be recorded for 9:30 AM: that is still to come (it is 9:00 AM now). Record a step once it has happened.' });
    // A device clock a minute ahead is not the future.
    expect(checkStepTime(facts({ at: at(9, 1), now: at(9, 0) })).ok).toBe(true);
  });

  it('refuses a step before the one before it, in plain words', () => {
    const r = checkStepTime(facts({ from: 'arrived', to: 'iv_placed', at: at(8, 30), now: at(9, 0), statusTimes: { arrived: at(8, 45) } }));
    expect(r).toEqual({
      ok: false,
      field: 'at',
      message: 'IV placement cannot be recorded for 8:30 AM: the session was marked arrived at 8:45 AM, and a step cannot come before the one before it.',
    });
  });

  it('keeps a step typed for the same minute as the one before it just after that step', () => {
    const r = checkStepTime(facts({ from: 'arrived', to: 'iv_placed', at: at(8, 45), now: at(9, 0), statusTimes: { arrived: at(8, 45, 30) } }));
    expect(r).toEqual({ ok: true, at: at(8, 45, 30) });
  });

  it('refuses a step before the day of the session', () => {
    const r = checkStepTime(facts({ at: DAY_START - MIN }));
    expect(r).toMatchObject({ ok: false, field: 'at', message: expect.stringMatching(/before the day of the session/) });
  });

  it('an infusion cannot end before it began, nor the minute it began', () => {
    const times = { arrived: at(8, 0), iv_placed: at(8, 10), infusing: at(8, 20, 10) };
    const same = checkStepTime(facts({ from: 'infusing', to: 'recovery', at: at(8, 20, 50), now: at(8, 20, 50), statusTimes: times }));
    expect(same).toEqual({ ok: false, field: 'at', message: 'The infusion cannot end at 8:20 AM: it began at 8:20 AM. Record the end of the infusion when it has ended.' });
    const before = checkStepTime(facts({ from: 'infusing', to: 'recovery', at: at(8, 15), now: at(9, 0), statusTimes: times }));
    expect(before).toEqual({ ok: false, field: 'at', message: 'The infusion cannot end at 8:15 AM: it began at 8:20 AM. Record the end of the infusion when it has ended.' });
    expect(checkStepTime(facts({ from: 'infusing', to: 'recovery', at: at(9, 0), now: at(9, 0), statusTimes: times })).ok).toBe(true);
  });

  it('holds discharge to the recovery minimum unless a reason is given', () => {
    const times = { arrived: at(8, 0), iv_placed: at(8, 10), infusing: at(8, 20), recovery: at(9, 0) };
    const early = checkStepTime(facts({ from: 'recovery', to: 'discharged', at: at(9, 25), now: at(9, 25), statusTimes: times }));
    expect(early).toEqual({
      ok: false,
      field: 'earlyReason',
      message: 'Recovery began at 9:00 AM and has lasted 25 of the 60 minutes required: discharge from 10:00 AM, or give the reason for discharging earlier.',
    });
    expect(checkStepTime(facts({ from: 'recovery', to: 'discharged', at: at(9, 25), now: at(9, 25), statusTimes: times, earlyReason: 'Physician reviewed, stable' }))).toEqual({
      ok: true,
      at: at(9, 25),
    });
    expect(checkStepTime(facts({ from: 'recovery', to: 'discharged', at: at(10, 0), now: at(10, 5), statusTimes: times })).ok).toBe(true);
  });

  it('refuses a no-show before the planned start', () => {
    const r = checkStepTime(facts({ to: 'no_show', at: at(8, 50), now: at(8, 50), plannedStart: at(9, 0) }));
    expect(r).toMatchObject({ ok: false, field: 'at', message: 'A no-show cannot be recorded before the planned start (9:00 AM): the patient may still come.' });
  });

  it('the issue: arrived to discharged inside one minute is refused at the end of the infusion', () => {
    let times: Record<string, number> = {};
    let status: 'scheduled' | 'arrived' | 'iv_placed' | 'infusing' = 'scheduled';
    for (const [to, s] of [['arrived', 0], ['iv_placed', 10], ['infusing', 20]] as const) {
      const r = checkStepTime(facts({ from: status, to, at: at(7, 0, s), now: at(7, 0, s), plannedStart: at(9, 0), statusTimes: times }));
      expect(r.ok).toBe(true);
      times = { ...times, [to]: at(7, 0, s) };
      status = to;
    }
    expect(checkStepTime(facts({ from: 'infusing', to: 'recovery', at: at(7, 0, 30), now: at(7, 0, 30), statusTimes: times })).ok).toBe(false);
  });
});

describe('recovery minimum and undo', () => {
  it("uses the series' template figure, else the session's planned recovery", () => {
    expect(recoveryMinimum({ name: 'Six', recoveryMinutes: 45 }, { recoveryStartsAt: 0, endsAt: 90 * MIN })).toBe(45);
    expect(recoveryMinimum({ name: 'Old' }, { recoveryStartsAt: 0, endsAt: 90 * MIN })).toBe(90);
    expect(recoveryMinimum(null, { recoveryStartsAt: 0, endsAt: 30 * MIN })).toBe(30);
  });

  it('says when discharge is allowed once recovery is recorded', () => {
    expect(dischargeFrom({}, 60)).toBeNull();
    expect(dischargeFrom({ recovery: at(9, 0) }, 60)).toBe(at(10, 0));
  });

  it('undo goes one step back along the flow; finished-off sessions are not undone', () => {
    expect(undoTarget('discharged')).toEqual({ ok: true, to: 'recovery' });
    expect(undoTarget('arrived')).toEqual({ ok: true, to: 'scheduled' });
    expect(undoTarget('scheduled')).toEqual({ ok: false, message: 'This session has no step to undo yet.' });
    expect(undoTarget('cancelled')).toMatchObject({ ok: false, message: expect.stringMatching(/cancelled cannot be undone/) });
  });
});
